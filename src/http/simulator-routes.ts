/**
 * The simulator's page and JSON API. A message typed in the page is accepted exactly like a WhatsApp webhook
 * (mailbox, queue, worker, engine, outbound queue); the bot's replies come back to the page as server-sent events.
 *
 *   GET    /simulator                     the page
 *   POST   /simulator/api/messages        { from, text, choiceId? } → 202 { id, at }
 *   GET    /simulator/api/chats/:phone    the chat so far
 *   DELETE /simulator/api/chats/:phone    forget the chat (not the user's data)
 *   GET    /simulator/api/events          text/event-stream of new chat entries (all phones)
 */
import { timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Redis } from 'ioredis';
import type { Channel } from '../channels/channel.js';
import { simulatedPhone } from '../channels/simulator/simulator-channel.js';
import type { SimulatorTranscript, TranscriptEntry } from '../channels/simulator/simulator-transcript.js';
import { InvalidInboundError } from '../errors.js';
import type { AcceptInbound } from '../inbound/accept-inbound.js';

const PAGE_DIR = join(import.meta.dirname, 'simulator');

export interface SimulatorRouteDeps {
  channel: Channel;
  transcript: SimulatorTranscript;
  acceptInbound: AcceptInbound;
  /** A connection this router may put in subscriber mode. */
  subscriber: Redis;
  /**
   * Who may use it. Without a secret, only this machine (loopback, and no proxy in between); with one, also a
   * browser that opened `/simulator?key=<secret>` once (it gets an HttpOnly cookie) or sends `X-Simulator-Key`.
   */
  secret?: string;
  /** Lets in a request the routes before it vouched for (an officer signed in to the console), from anywhere. */
  admits?: (req: Request) => boolean;
}

export interface SimulatorRoutes {
  router: Router;
  /** Ends the open event streams, which would otherwise hold a graceful shutdown until its time runs out. */
  closeStreams(): void;
}

export function simulatorRoutes(deps: SimulatorRouteDeps): SimulatorRoutes {
  const router = Router();
  const streams = new Set<Response>();
  const listeners = new Set<(entry: TranscriptEntry) => void>();
  let subscribed: Promise<unknown> | undefined;
  const subscribe = () => {
    subscribed ??= deps.subscriber.subscribe(deps.transcript.eventsChannel).then(() => {
      deps.subscriber.on('message', (_channel: string, json: string) => {
        const entry = JSON.parse(json) as TranscriptEntry;
        for (const listener of listeners) listener(entry);
      });
    });
    return subscribed;
  };

  router.use(['/simulator', '/simulator/*path'], simulatorAccess(deps.secret, deps.admits));

  router.get('/simulator', (_req, res) => {
    res.sendFile(join(PAGE_DIR, 'index.html'));
  });
  router.use('/simulator/assets', express.static(PAGE_DIR, { index: false, maxAge: 0 }));

  router.post('/simulator/api/messages', async (req, res) => {
    let message: ReturnType<Channel['parseInbound']>;
    try {
      message = deps.channel.parseInbound({ url: req.originalUrl, headers: req.headers, body: req.body ?? {} });
    } catch (error) {
      if (!(error instanceof InvalidInboundError)) throw error;
      res.status(400).json({ error: 'invalid_message', detail: error.message });
      return;
    }
    await deps.transcript.append({
      id: message.messageId,
      phone: simulatedPhone(message.from),
      direction: 'in',
      text: message.text,
      at: message.receivedAt.toISOString(),
    });
    await deps.acceptInbound(message);
    res.status(202).json({ id: message.messageId, at: message.receivedAt.toISOString() });
  });

  router.get('/simulator/api/chats/:phone', async (req, res) => {
    res.json({ entries: await deps.transcript.list(req.params.phone) });
  });

  router.delete('/simulator/api/chats/:phone', async (req, res) => {
    await deps.transcript.clear(req.params.phone);
    res.status(204).end();
  });

  router.get('/simulator/api/events', async (_req, res) => {
    await subscribe();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const listener = (entry: TranscriptEntry) => res.write(`data: ${JSON.stringify(entry)}\n\n`);
    // Proxies drop idle streams; a comment every 25 s keeps it open.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    listeners.add(listener);
    streams.add(res);
    res.on('close', () => {
      clearInterval(keepAlive);
      listeners.delete(listener);
      streams.delete(res);
    });
  });

  return {
    router,
    closeStreams: () => {
      for (const stream of streams) stream.end();
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const KEY_COOKIE = 'simulator_key';

/**
 * The simulator speaks for any number it is given, so it must not be open to the world: this machine only, or a
 * holder of the configured secret. A request that came through a proxy is not local, whatever its socket says.
 */
function simulatorAccess(secret: string | undefined, admits?: (req: Request) => boolean): RequestHandler {
  return (req, res, next) => {
    const local = LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
    if (local || admits?.(req)) return next();
    if (secret) {
      const offered = String(
        req.query.key ?? req.headers['x-simulator-key'] ?? cookieOf(req.headers.cookie, KEY_COOKIE) ?? '',
      );
      if (sameSecret(offered, secret)) {
        if (req.query.key !== undefined) {
          res.cookie(KEY_COOKIE, secret, {
            httpOnly: true,
            sameSite: 'strict',
            secure: req.secure,
            path: '/simulator',
          });
        }
        return next();
      }
    }
    res.status(403).json({
      error: 'simulator_forbidden',
      detail: secret
        ? 'the simulator needs its key: open /simulator?key=<SIMULATOR_SECRET>'
        : 'the simulator serves this machine only; set SIMULATOR_SECRET to open it to others',
    });
  };
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sameSecret(offered: string, secret: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
