/**
 * One thing sent to many people: a group post relayed to the members, an inquiry's alerts to the matched sellers, a
 * broadcast. One mechanism for all of them, so each gets the same guarantees:
 *
 * - Never twice. A fan-out has a business key (`alert:<inquiry>`, `post:<group>:<message>`); each recipient's
 *   message is stored under an id derived from that key and the recipient's anonymous tag (never the number) and
 *   queued under the same id. A fan-out retried, restarted or started again finds the same ids: nothing is stored
 *   or queued twice, and the send worker's record of sent ids keeps a re-queued message from going twice.
 * - In batches. The audience is read a page at a time from a cursor kept in the job, so a restarted fan-out resumes
 *   where it stopped and a large audience never sits in memory.
 * - Behind people's replies. Its messages are bulk: they take the lowest send priority and no place in the
 *   recipient's sequence, so a conversational reply never waits behind them (see `BULK_PRIORITY`).
 * - Checked when sent. Whether a recipient may still receive bulk messages (opted out since the fan-out was planned)
 *   is asked by the send worker right before each send.
 *
 * What a fan-out sends and to whom is its kind's business (`FanOutKind`), registered by the composition root; this
 * module knows no domain.
 */
import { DelayedError, type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Reply } from '../conversation/turn.js';
import type { Logger } from '../log.js';
import { anonymousTag, jobId, QUEUE_NAMES } from '../queue/queues.js';
import type { BulkMessage, OutboundDispatcher, Recipient } from './dispatch.js';

/** Recipients read and queued per step of a fan-out. */
export const FAN_OUT_PAGE_SIZE = 200;

export interface AudiencePage<R extends Recipient = Recipient> {
  recipients: R[];
  /** Where the next page starts; absent on the last page. */
  next?: string;
}

/** A message with more to it than replies: a broadcast's media, campaign, templates, or a recorded skip. */
export type RenderedMessage = Omit<BulkMessage, 'cause' | 'recipient'>;

/**
 * What a fan-out sends and to whom. A kind's audience may return recipients with more than the address (what it
 * read of them with the page); `render` gets them as returned.
 */
export interface FanOutKind<Payload = never, R extends Recipient = Recipient> {
  /** A page of at most `limit` recipients from `cursor` (undefined: the start). */
  audience(payload: Payload, cursor: string | undefined, limit: number): Promise<AudiencePage<R>>;
  /** What one recipient receives (in their language); nothing skips them. */
  render(payload: Payload, recipient: R): Promise<Reply[] | RenderedMessage> | Reply[] | RenderedMessage;
  /** Called once every recipient is queued (again, if the job runs again after that). */
  finished?(payload: Payload, queued: number): Promise<void>;
  /**
   * Queue no faster than the messages can go: at most `lead` recipients ahead of `perSecond` since the fan-out
   * began (see `FanOutPace`). Without it, every page is queued at once.
   */
  pace?: FanOutPace;
  /** Whether to stop queueing for now (a paused broadcast); asked between pages of a paced fan-out. */
  held?(payload: Payload): Promise<boolean>;
}

/**
 * A large fan-out (a broadcast to a district) is queued in waves: while the send queue holds more than `lead`
 * messages, the fan-out job waits (delayed, its place saved) for the sends to take them, then queues the next pages.
 * Nothing is gained by queueing 100,000 messages that go out over twenty minutes: each queued message is memory in
 * Redis, and one that is not queued yet costs nothing to hold back in a pause or drop in a cancel. Pacing on the
 * queue itself (not on a clock) keeps the lead whatever the sends actually manage, and needs no counter that a crash
 * could leave wrong.
 */
export interface FanOutPace {
  /** The send rate (messages a second): how long the messages over the lead take to go. */
  perSecond: number;
  /** Messages waiting to be sent above which the fan-out waits. */
  lead: number;
}

/** How long a held (paused) paced fan-out waits before asking again. */
const HELD_RECHECK_MS = 5_000;
/** The shortest wait between waves: asking the queue's depth more often gains nothing. */
const MIN_WAVE_WAIT_MS = 500;

// biome-ignore lint/suspicious/noExplicitAny: kinds are registered by name; each checks its own payload.
export type FanOutKinds = Readonly<Record<string, FanOutKind<any, any>>>;

export interface FanOutJobData {
  kind: string;
  key: string;
  payload: unknown;
  /** Where the next page starts (saved after each page, so a retried job resumes there). */
  cursor?: string;
  /** Recipients queued so far. */
  queued?: number;
  /** Set while a paced fan-out waits for its next wave (a delayed job with work still to do). */
  waitingForWave?: true;
}

export class UnknownFanOutKindError extends Error {
  constructor(readonly kind: string) {
    super(`no fan-out kind '${kind}' is registered`);
  }
}

/** Starts fan-outs. Starting the same key again while (or after) it runs adds nothing. */
export class FanOut {
  constructor(
    private readonly queue: Queue,
    private readonly kinds: FanOutKinds,
  ) {}

  /** Starts fan-out `key` now, or at `at` (epoch ms). */
  async start(kind: string, key: string, payload: unknown, at?: number): Promise<void> {
    if (!this.kinds[kind]) throw new UnknownFanOutKindError(kind);
    const data: FanOutJobData = { kind, key, payload };
    await this.queue.add('fan-out', data, {
      jobId: fanOutJobId(key),
      ...(at !== undefined ? { delay: Math.max(0, at - Date.now()) } : {}),
      attempts: 20,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 7 * 24 * 60 * 60 },
      removeOnFail: { age: 30 * 24 * 60 * 60 },
    });
  }
}

export function fanOutJobId(key: string): string {
  return jobId('fan', key);
}

/** The cause under which one recipient's message of fan-out `key` is stored: no phone number in it. */
export function fanOutCause(key: string, recipient: Recipient): string {
  return `${key}#${anonymousTag(`${recipient.channel}:${recipient.to}`)}`;
}

/** Only the address: what a kind read of the recipient stays out of the stored message. */
function addressOf(recipient: Recipient): Recipient {
  return { channel: recipient.channel, to: recipient.to };
}

export function createFanOutWorker(deps: {
  connection: Redis;
  prefix: string;
  kinds: FanOutKinds;
  dispatcher: OutboundDispatcher;
  logger: Logger;
  pageSize?: number;
  /** Messages waiting in the send queue, for paced kinds (see FanOutPace); without it they are not paced. */
  sendsWaiting?: () => Promise<number>;
}): Worker {
  const pageSize = deps.pageSize ?? FAN_OUT_PAGE_SIZE;
  return new Worker(
    QUEUE_NAMES.fanOut,
    async (job: Job<FanOutJobData>, token?: string) => {
      const { kind: kindName, key, payload } = job.data;
      const kind = deps.kinds[kindName];
      if (!kind) throw new UnknownFanOutKindError(kindName);
      let cursor = job.data.cursor;
      let queued = job.data.queued ?? 0;
      /** Saves where it stands and waits `ms` for the next wave. */
      const wait = async (ms: number): Promise<never> => {
        await job.updateData({ ...job.data, cursor, queued, waitingForWave: true });
        await job.moveToDelayed(Date.now() + ms, token);
        throw new DelayedError();
      };
      for (;;) {
        if (kind.pace && cursor !== undefined && deps.sendsWaiting) {
          if (await kind.held?.(payload)) await wait(HELD_RECHECK_MS);
          const over = (await deps.sendsWaiting()) - kind.pace.lead;
          if (over > 0) await wait(Math.max(MIN_WAVE_WAIT_MS, (over / kind.pace.perSecond) * 1_000));
        }
        const page = await kind.audience(payload, cursor, pageSize);
        const messages: BulkMessage[] = await Promise.all(
          page.recipients.map(async (recipient: Recipient) => {
            const rendered = await kind.render(payload, recipient);
            const message = Array.isArray(rendered) ? { replies: rendered } : rendered;
            return { ...message, cause: fanOutCause(key, recipient), recipient: addressOf(recipient) };
          }),
        );
        await deps.dispatcher.storeBulk(messages.filter((message) => message.replies.length > 0));
        queued += page.recipients.length;
        if (page.next === undefined) break;
        cursor = page.next;
        // Saved once the page is queued: a retry resumes at the next page (the page itself is safe to repeat).
        await job.updateData({ ...job.data, cursor, queued });
      }
      await kind.finished?.(payload, queued);
      deps.logger.info({ kind: kindName, key, recipients: queued }, 'fan-out queued');
      return { queued };
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 2 },
  );
}
