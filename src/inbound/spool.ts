/**
 * A durable local spool for webhooks that arrive while Redis is unavailable. Twilio does not retry a WhatsApp
 * webhook that fails, so a 5xx loses the message; instead the web process writes it to a file on its own disk
 * (fsync'd before answering 200) and replays it into Redis as soon as Redis answers again. The answer tells the
 * truth: 200 only once the message is in Redis or on disk; if neither can keep it, the caller answers 503 so
 * that Twilio uses its fallback URL.
 *
 * Exactly once: a replayed message goes through the same acceptance as a live one (its `seen:` key), so a
 * message whose first attempt reached Redis after all is dropped as a duplicate. In order: while anything waits in
 * the spool, new webhooks join it behind, so one person's messages are never accepted out of order.
 *
 * On disk: `<dir>/<epoch ms>-<n>.jsonl`, one segment per write (write, fsync, then the directory entry is
 * durable). Replay takes the segments in name order and deletes each once all its entries are in Redis.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const WRITER = `${hostname().replace(/[^A-Za-z0-9]/g, '')}.${process.pid}`;

/** What waits in the spool: a webhook's parsed content, dates as ISO strings. */
export type SpooledItem =
  | { kind: 'inbound'; message: Record<string, unknown> }
  | { kind: 'status'; channel: string; update: Record<string, unknown> };

export class Spool {
  private sequence = 0;
  /** Segments this process knows to be waiting: checked on every webhook, so kept in memory, not read from disk. */
  private waiting: number;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.waiting = this.segments().length;
  }

  /** Segments waiting to be replayed, oldest first. */
  segments(): string[] {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort();
  }

  get isEmpty(): boolean {
    return this.waiting === 0;
  }

  get count(): number {
    return this.waiting;
  }

  /** Writes `item` durably; throws when the disk cannot keep it (the caller answers 503). */
  append(item: SpooledItem): void {
    this.sequence += 1;
    // Time first, so names sort in arrival order; host and pid keep processes sharing a folder (web replicas on one
    // volume, each container's pid 1) from colliding.
    const name = `${String(Date.now()).padStart(15, '0')}-${WRITER}-${String(this.sequence).padStart(9, '0')}.jsonl`;
    const fd = openSync(join(this.dir, `${name}.tmp`), 'w');
    try {
      writeSync(fd, `${JSON.stringify(item)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The rename makes the segment visible to replay only once complete; the directory's fsync makes it durable.
    renameDurably(this.dir, `${name}.tmp`, name);
    this.waiting += 1;
  }

  /** Replays every segment through `accept`, oldest first; stops at the first failure (Redis went again). */
  async replay(accept: (item: SpooledItem) => Promise<void>): Promise<number> {
    let replayed = 0;
    for (const name of this.segments()) {
      const path = join(this.dir, name);
      const lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      for (const line of lines) await accept(JSON.parse(line) as SpooledItem);
      rmSync(path, { force: true });
      replayed += lines.length;
    }
    this.waiting = this.segments().length;
    return replayed;
  }
}

function renameDurably(dir: string, from: string, to: string): void {
  renameSync(join(dir, from), join(dir, to));
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
