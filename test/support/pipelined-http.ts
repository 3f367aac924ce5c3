/**
 * Posts several requests back to back on one connection without waiting for any answer (HTTP/1.1 pipelining), so
 * they reach the server in a known order while every one of them is still in flight. `fetch` cannot do this: its
 * concurrent requests race on separate connections and arrive in any order.
 */
import { connect } from 'node:net';

export interface RawRequest {
  headers: Record<string, string>;
  body: string;
}

export interface RawResponse {
  status: number;
  body: string;
}

export function postPipelined(
  url: string,
  requests: readonly RawRequest[],
  timeoutMs = 10_000,
): Promise<RawResponse[]> {
  const target = new URL(url);
  const wire = requests
    .map(({ headers, body }) => {
      const lines = [
        `POST ${target.pathname}${target.search} HTTP/1.1`,
        `Host: ${target.host}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        '',
      ];
      return lines.join('\r\n') + body;
    })
    .join('');

  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = Buffer.alloc(0);
    const responses: RawResponse[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`pipelined: ${responses.length} of ${requests.length} responses within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const headerEnd = received.indexOf('\r\n\r\n');
        if (headerEnd < 0) break;
        const head = received.subarray(0, headerEnd).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? '0');
        if (received.length < headerEnd + 4 + length) break;
        const status = Number(head.slice(9, 12));
        responses.push({ status, body: received.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8') });
        received = received.subarray(headerEnd + 4 + length);
      }
      if (responses.length === requests.length) {
        clearTimeout(timer);
        socket.end();
        resolve(responses);
      }
    });
    socket.write(wire);
  });
}
