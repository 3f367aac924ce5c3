/**
 * A transparent HTTP proxy in front of the local Twilio server that logs every request the twilio SDK makes,
 * including the ones the server answers with an error (which the server itself does not record). Tests use it to
 * count attempts: "one create call, no retry", "three calls, one message".
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  /** Form fields of the request body (the SDK posts `application/x-www-form-urlencoded`). */
  form: URLSearchParams;
  /** HTTP status the upstream server answered with. */
  status: number;
  /** When the request arrived, in epoch milliseconds. */
  at: number;
}

export interface RequestLogProxy {
  readonly url: string;
  readonly requests: readonly LoggedRequest[];
  /** Message create calls (POST …/Messages.json) addressed to `to` ('+E164' or 'whatsapp:+E164'). */
  createsTo(to: string): LoggedRequest[];
  close(): Promise<void>;
}

export async function startRequestLogProxy(upstreamUrl: string): Promise<RequestLogProxy> {
  const upstream = new URL(upstreamUrl);
  const requests: LoggedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        requests.push({
          method: incoming.method ?? 'GET',
          path: incoming.url ?? '/',
          form: new URLSearchParams(body.toString('utf8')),
          status: response.statusCode ?? 0,
          at,
        });
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', (error) => {
      outgoing.writeHead(502).end(String(error));
    });
    forwarded.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const bare = (number: string) => number.replace(/^whatsapp:/, '');
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    createsTo: (to) =>
      requests.filter(
        (logged) =>
          logged.method === 'POST' &&
          logged.path.endsWith('/Messages.json') &&
          bare(logged.form.get('To') ?? '') === bare(to),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
