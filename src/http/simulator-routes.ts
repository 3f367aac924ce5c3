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
import { join } from 'node:path';
import express, { type Response, Router } from 'express';
import type { Redis } from 'ioredis';
import type { Channel } from '../channels/channel.js';
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
      phone: message.from,
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
