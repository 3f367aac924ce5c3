/**
 * A timing proxy for the MongoDB wire protocol (BENCH_MONGO_TRACE=1): the bot connects to it instead of the
 * database, every byte is forwarded unchanged, and each command's round trip is recorded with its name, collection
 * and filter shape (the filter's field names, never its values). This shows which queries the bot's time goes to
 * without touching `src/`. It runs on the load generator's event loop, so leave it off when measuring latencies.
 */
import { connect, createServer, type Socket } from 'node:net';
import mongoose from 'mongoose';

const { BSON } = mongoose.mongo;
const OP_MSG = 2013;
const HEADER_BYTES = 16;

export interface TraceEntry {
  /** e.g. 'update outbound {providerId,statusRank}'. */
  label: string;
  start: number;
  ms: number;
}

export interface MongoTrace {
  /** The URI to give the bot: the proxy's address with the original's path and options. */
  uri: string;
  entries: TraceEntry[];
  close(): Promise<void>;
}

interface Pending {
  label: string;
  start: number;
}

export async function startMongoTrace(targetUri: string): Promise<MongoTrace> {
  const target = new URL(targetUri);
  const entries: TraceEntry[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 27017), target.hostname);
    sockets.add(client).add(upstream);
    const pending = new Map<number, Pending>();
    const fromClient = messageReader((requestId, _responseTo, body) => {
      const label = describe(body);
      if (label) pending.set(requestId, { label, start: performance.now() });
    });
    const fromServer = messageReader((_requestId, responseTo) => {
      const request = pending.get(responseTo);
      if (!request) return;
      pending.delete(responseTo);
      entries.push({ label: request.label, start: request.start, ms: performance.now() - request.start });
    });
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      fromServer(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const uri = new URL(targetUri);
  uri.host = `127.0.0.1:${port}`;
  uri.searchParams.set('directConnection', 'true');
  return {
    uri: uri.toString(),
    entries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type OnMessage = (requestId: number, responseTo: number, message: Buffer | undefined) => void;

/** Splits a byte stream into wire-protocol messages; hands over OP_MSG messages whole. */
function messageReader(onMessage: OnMessage): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= HEADER_BYTES) {
      const length = buffered.readInt32LE(0);
      if (length < HEADER_BYTES || buffered.length < length) break;
      const message = buffered.subarray(0, length);
      buffered = buffered.subarray(length);
      const requestId = message.readInt32LE(4);
      const responseTo = message.readInt32LE(8);
      const opCode = message.readInt32LE(12);
      onMessage(requestId, responseTo, opCode === OP_MSG ? message : undefined);
    }
  };
}

/**
 * An OP_MSG's command with its document sequences folded in: flagBits (4 bytes) after the header, then sections,
 * kind 0 (the body, one BSON document) or kind 1 (size, identifier, documents: how drivers send `updates`, …).
 */
function command(message: Buffer): Record<string, unknown> | undefined {
  let offset = HEADER_BYTES + 4;
  let body: Record<string, unknown> | undefined;
  const sequences: Record<string, unknown[]> = {};
  while (offset < message.length) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = BSON.deserialize(message.subarray(offset, offset + size), { promoteBuffers: true });
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const end = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const name = message.toString('utf8', offset + 4, nameEnd);
      const first = nameEnd + 1;
      if (first < end) {
        const docSize = message.readInt32LE(first);
        sequences[name] = [BSON.deserialize(message.subarray(first, first + docSize), { promoteBuffers: true })];
      }
      offset = end;
    } else {
      break; // a checksum or something unknown: nothing more to read
    }
  }
  return body ? { ...body, ...sequences } : undefined;
}

/** 'find sessions {phone}', 'update outbound {providerId,statusRank}', … ; undefined for handshakes and pings. */
function describe(message: Buffer | undefined): string | undefined {
  if (!message) return undefined;
  let doc: Record<string, unknown> | undefined;
  try {
    doc = command(message);
  } catch {
    return undefined;
  }
  if (!doc) return undefined;
  const name = Object.keys(doc)[0];
  if (!name || ['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo'].includes(name)) return undefined;
  const collection = typeof doc[name] === 'string' ? (doc[name] as string) : '';
  const first = (key: string) => {
    const value = doc[key];
    return Array.isArray(value) ? (value[0] as { q?: Record<string, unknown> } | undefined) : undefined;
  };
  const filter =
    (doc.filter as Record<string, unknown> | undefined) ??
    (doc.query as Record<string, unknown> | undefined) ??
    first('updates')?.q ??
    first('deletes')?.q;
  const shape = filter && typeof filter === 'object' ? `{${Object.keys(filter).sort().join(',')}}` : '';
  return `${name} ${collection} ${shape}`.trim();
}

/** Count, total and percentiles per label, the most time-consuming first. */
export function summarizeTrace(entries: readonly TraceEntry[], from = 0, to = Number.POSITIVE_INFINITY): string[] {
  const byLabel = new Map<string, number[]>();
  for (const entry of entries) {
    if (entry.start < from || entry.start > to) continue;
    const list = byLabel.get(entry.label);
    if (list) list.push(entry.ms);
    else byLabel.set(entry.label, [entry.ms]);
  }
  return [...byLabel.entries()]
    .map(([label, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      const total = sorted.reduce((sum, value) => sum + value, 0);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
      return {
        label,
        total,
        line: `${label}: ${sorted.length}×, total ${(total / 1000).toFixed(1)} s, p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms`,
      };
    })
    .sort((a, b) => b.total - a.total)
    .map((row) => row.line);
}
