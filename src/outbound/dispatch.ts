/**
 * Turns replies into stored outbound messages and queues them. Storing comes first, keyed by the cause, so a
 * handler that runs again after a crash finds the same documents and queues them under the same job ids.
 *
 * Everything here goes by `_id` (FerretDB 1.x scans the collection for any other filter): part `n` of a cause is
 * `outboundId(cause, n)`. Whether a cause was stored before is known from its sequence numbers in Redis (see
 * send-order.ts), without a read. `store` remembers what it stored for `enqueueStored` to queue; a cause it does not
 * remember (a re-run after a crash, another process) is found by reading its parts' ids in turn until one is
 * missing.
 */
import type { Queue } from 'bullmq';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import type { Reply } from '../conversation/turn.js';
import { BULK_PRIORITY, jobId, outboundJobOptions, placePriority } from '../queue/queues.js';
import type { MessageTemplate, OutboundModel, OutboundRecord, SkipReason } from './outbound-model.js';
import { STATUS_RANK } from './outbound-model.js';
import { ORDER_HOLD_MAX_MS, type Recipient, type SendOrder } from './send-order.js';
import { splitText } from './split-text.js';
import { ERASED_RECIPIENT } from './forget-recipient.js';

export type { Recipient } from './send-order.js';

export interface OutboundDispatcher {
  /**
   * Stores the replies to `cause` as outbound messages (a no-op for parts already stored) and returns the ids of
   * its parts, in order.
   */
  store(cause: string, recipient: Recipient, replies: readonly Reply[], options?: StoreOptions): Promise<string[]>;
  /** Queues every stored, unsent message of `cause`. */
  enqueueStored(cause: string): Promise<void>;
  /**
   * Stores and queues bulk messages (a fan-out's page): outside the recipients' sequences, at the lowest priority,
   * checked again before sending. Storing or queueing one again (a retried page) adds nothing.
   */
  storeBulk(messages: readonly BulkMessage[]): Promise<void>;
}

export interface BulkMessage {
  cause: string;
  recipient: Recipient;
  replies: readonly Reply[];
  /** Images or documents sent with the (first part of the) text. */
  mediaUrls?: readonly string[];
  /** The broadcast it belongs to: its messages are reported, paused and cancelled together. */
  campaign?: string;
  /** Sent as this approved template, not as free text (the recipient is outside the 24-hour window). */
  template?: MessageTemplate;
  /** Sent instead of the text if the recipient turns out to be outside the window (when sent, or error 63016). */
  fallbackTemplate?: MessageTemplate;
  /** Not to be sent: stored as skipped, for the report. */
  skip?: SkipReason;
  /**
   * Queued now, stored when it is sent (by the send worker, under the same id): a broadcast queues tens of thousands
   * of messages at once, far faster than the database takes documents (FerretDB on SQLite: about 1,200 a second
   * here), and sends them at the send rate. Until sent, the queued job is the message's record.
   */
  deferRecord?: boolean;
}

export interface StoreOptions {
  /**
   * The recipient's own messages still waiting to be handled after the one being answered: their replies are
   * still to come, so they count towards this reply's turn (see `SendJobData.place`).
   */
  waitingBehind?: number;
}

/**
 * The data of a "send" job: which message, where it stands in its recipient's sequence, and what it says, so that a
 * send reads nothing from the database (the document stays the record of the message and its status). Without
 * `seq` (a message stored with no place in a sequence) it goes out unordered.
 */
export interface SendJobData {
  outboundId: string;
  channel: string;
  to: string;
  /** Position in the recipient's sequence (see send-order.ts). */
  seq?: number;
  /** Until when (epoch ms) the message waits for the one before it. */
  holdUntil?: number;
  /**
   * Its turn, the send priority: its place among the recipient's unsent messages when stored (see SendOrder's
   * `place`) plus the recipient's messages still waiting to be handled. The person with the least waiting goes
   * first, so a newcomer's reply passes a crowd's backlogs, and nobody's writing a lot holds anyone else back.
   */
  place?: number;
  text: string;
  choices?: OutboundRecord['choices'];
  templateKey?: string;
  mediaUrls?: string[];
  /** A fan-out's message: whether the recipient may still receive it is checked right before sending. */
  bulk?: true;
  campaign?: string;
  template?: MessageTemplate;
  fallbackTemplate?: MessageTemplate;
  /** A send again after a failure the provider reported later (see late-failures.ts): 1, 2, … */
  resend?: number;
  /** Not stored yet (see `BulkMessage.deferRecord`): what the send worker stores it as, besides the above. */
  record?: { cause: string; part: number };
}

/** What a send job needs of a stored message. */
export type SendableRecord = Pick<
  OutboundRecord,
  | '_id'
  | 'channel'
  | 'to'
  | 'seq'
  | 'text'
  | 'choices'
  | 'templateKey'
  | 'mediaUrls'
  | 'campaign'
  | 'template'
  | 'fallbackTemplate'
>;

/** Causes stored but not yet queued that a dispatcher remembers; a handler queues right after storing. */
const REMEMBERED_CAUSES = 1_000;
/** Far more parts than any reply has; bounds the search for a cause's parts. */
const MAX_PARTS = 1_000;

export function createOutboundDispatcher(deps: {
  outbound: OutboundModel;
  queue: Queue;
  channels: ChannelRegistry;
  order: SendOrder;
  maxAttempts: number;
  /** Delay before the first retry of a failed send (doubling after); 1 s when not given. */
  retryBaseMs?: number;
}): OutboundDispatcher {
  const storedNotQueued = new Map<string, SendJobData[]>();

  const remember = (cause: string, jobs: SendJobData[]) => {
    storedNotQueued.delete(cause);
    storedNotQueued.set(cause, jobs);
    if (storedNotQueued.size > REMEMBERED_CAUSES) {
      const oldest = storedNotQueued.keys().next().value;
      if (oldest !== undefined) storedNotQueued.delete(oldest);
    }
  };

  /** The unsent parts of `cause`, read by id, part 0 first, until a part is missing. */
  const storedUnsent = async (cause: string): Promise<SendJobData[]> => {
    const jobs: SendJobData[] = [];
    for (let part = 0; part < MAX_PARTS; part += 1) {
      const record = await deps.outbound
        .findById(outboundId(cause, part), { status: 1, providerId: 1, createdAt: 1, ...SENDABLE_FIELDS })
        .lean<SendableRecord & Pick<OutboundRecord, 'status' | 'providerId' | 'createdAt'>>();
      if (!record) break;
      if (record.status !== 'pending' || record.providerId) continue;
      jobs.push(sendJob(record, record.createdAt.getTime() + ORDER_HOLD_MAX_MS));
    }
    return jobs;
  };

  /** Queues send jobs under their message's id (queueing one again adds nothing), each at its priority. */
  const queueSends = (jobs: SendJobData[], priority: (data: SendJobData) => number) =>
    deps.queue.addBulk(
      jobs.map((data) => ({
        name: 'send',
        data,
        opts: {
          ...outboundJobOptions(deps.maxAttempts, deps.retryBaseMs),
          jobId: data.outboundId,
          priority: priority(data),
        },
      })),
    );

  return {
    async store(cause, recipient, replies, options = {}) {
      const maxLength = deps.channels.get(recipient.channel).maxTextLength;
      const parts = replies.flatMap((reply) => splitReply(reply, maxLength));
      if (parts.length === 0) return [];
      const ids = parts.map((_, index) => outboundId(cause, index));

      // A cause numbered before was stored (at least in part) by an earlier run of the same handler: it keeps its
      // numbers, rather than take new ones that would leave a gap later messages wait on, and fills in any part
      // that run did not get to.
      const now = Date.now();
      const allocation = await deps.order.allocate(recipient, cause, parts.length, {
        now,
        waitingBehind: options.waitingBehind ?? 0,
      });
      const first = allocation.first;

      const documents = parts.map((part, index) => pendingDocument(cause, recipient, part, index, first + index));
      await insertMissing(deps.outbound, documents, !allocation.again);

      if (!allocation.again) {
        // Part 0 waits for the previous message, stored when the previous numbers were given out; each later part
        // waits for the one before it, stored just now.
        remember(
          cause,
          documents.map((document, index) => ({
            ...sendJob(document, index === 0 ? allocation.holdUntil : now + ORDER_HOLD_MAX_MS),
            place: allocation.place + index,
          })),
        );
      } else {
        // Some parts may have been queued or sent since: enqueueStored reads them back.
        storedNotQueued.delete(cause);
      }
      return ids;
    },

    async enqueueStored(cause) {
      const remembered = storedNotQueued.get(cause);
      storedNotQueued.delete(cause);
      const jobs = remembered ?? (await storedUnsent(cause));
      if (jobs.length === 0) return;
      // Fair across people: everyone's next message before anyone's later ones. Parts found again after a crash
      // have waited already and go first.
      await queueSends(jobs, (data) => placePriority(data.place ?? 1));
    },

    async storeBulk(messages) {
      const jobs: SendJobData[] = [];
      const documents: object[] = [];
      for (const message of messages) {
        const { cause, recipient, replies } = message;
        const maxLength = deps.channels.get(recipient.channel).maxTextLength;
        // A template is one message whatever the length of the text kept with it for the record.
        const parts = message.template ? replies.slice(0, 1) : replies.flatMap((reply) => splitReply(reply, maxLength));
        parts.forEach((part, index) => {
          // No `seq`: a bulk message takes no place in the recipient's sequence.
          const document = {
            ...pendingDocument(cause, recipient, part, index),
            ...bulkFields(message, index),
          };
          const deferred = message.deferRecord && !message.skip;
          if (!deferred) documents.push(document);
          if (!message.skip)
            jobs.push({ ...sendJob(document, 0), bulk: true, ...(deferred ? { record: { cause, part: index } } : {}) });
        });
      }
      if (documents.length > 0) await insertMissing(deps.outbound, documents, false);
      if (jobs.length > 0) await queueSends(jobs, () => BULK_PRIORITY);
    },
  };
}

/**
 * Stores a message queued without its document (`BulkMessage.deferRecord`) as it was planned, before it is sent or
 * skipped; a run again after a crash finds it stored and changes nothing.
 */
export async function storeDeferred(outbound: OutboundModel, data: SendJobData, skip?: SkipReason): Promise<void> {
  if (!data.record) return;
  const { cause, part } = data.record;
  const document =
    skip === 'erased'
      ? // Counted, but nothing of a person who asked to be forgotten.
        {
          ...pendingDocument(cause, { channel: data.channel, to: ERASED_RECIPIENT }, { text: '[erased]' }, part),
          ...bulkFields({ ...(data.campaign ? { campaign: data.campaign } : {}) }, part),
        }
      : {
          ...pendingDocument(
            cause,
            data,
            { text: data.text, ...(data.choices ? { choices: data.choices } : {}) },
            part,
          ),
          ...bulkFields(data, part),
        };
  await insertMissing(outbound, [document], false);
}

/** A part of a message to send, as stored before it is sent; `seq` is its place in the recipient's sequence. */
function pendingDocument(cause: string, recipient: Recipient, part: Reply, index: number, seq?: number) {
  return {
    _id: outboundId(cause, index),
    channel: recipient.channel,
    to: recipient.to,
    cause,
    part: index,
    ...(seq !== undefined ? { seq } : {}),
    text: part.text,
    choices: part.choices ?? [],
    ...(part.templateKey ? { templateKey: part.templateKey } : {}),
    mediaUrls: [],
    status: 'pending' as const,
    statusRank: 0,
    attempts: 0,
  };
}

export const SENDABLE_FIELDS = {
  channel: 1,
  to: 1,
  seq: 1,
  text: 1,
  choices: 1,
  templateKey: 1,
  mediaUrls: 1,
  campaign: 1,
  template: 1,
  fallbackTemplate: 1,
} as const;

/** What a bulk message stores beyond a reply's: its campaign, media (with the first part), templates, or a skip. */
function bulkFields(
  message: Pick<BulkMessage, 'campaign' | 'mediaUrls' | 'template' | 'fallbackTemplate' | 'skip'>,
  index: number,
) {
  return {
    ...(message.campaign ? { campaign: message.campaign } : {}),
    ...(message.mediaUrls?.length && index === 0 ? { mediaUrls: [...message.mediaUrls] } : {}),
    ...(message.template ? { template: message.template } : {}),
    ...(message.fallbackTemplate && index === 0 ? { fallbackTemplate: message.fallbackTemplate } : {}),
    ...(message.skip ? { status: 'skipped' as const, statusRank: STATUS_RANK.skipped, skipReason: message.skip } : {}),
  };
}

export function sendJob(record: SendableRecord, holdUntil: number): SendJobData {
  return {
    outboundId: record._id,
    channel: record.channel,
    to: record.to,
    ...(record.seq !== undefined ? { seq: record.seq, holdUntil } : {}),
    text: record.text,
    ...(record.choices.length > 0 ? { choices: record.choices } : {}),
    ...(record.templateKey ? { templateKey: record.templateKey } : {}),
    ...(record.mediaUrls.length > 0 ? { mediaUrls: record.mediaUrls } : {}),
    ...(record.campaign ? { campaign: record.campaign } : {}),
    ...(record.template?.contentSid ? { template: record.template } : {}),
    ...(record.fallbackTemplate?.contentSid ? { fallbackTemplate: record.fallbackTemplate } : {}),
  };
}

/**
 * Inserts the documents not stored yet. A first run inserts in order, so that an insert cut short leaves the first
 * parts (which is what `storedUnsent` reads until a gap); parts already stored (by an earlier run) are skipped.
 */
async function insertMissing(outbound: OutboundModel, documents: object[], firstRun: boolean): Promise<void> {
  try {
    await outbound.insertMany(documents, { ordered: firstRun });
  } catch (error) {
    // Parts stored by an earlier run of the same handler are expected; anything else is not.
    if (!isOnlyDuplicates(error)) throw error;
    // An ordered insert stops at the first duplicate: store the rest.
    if (firstRun) await insertMissing(outbound, documents, false);
  }
}

/** A reply longer than one message becomes several; only the last carries the choices (they follow the text). */
function splitReply(reply: Reply, maxLength: number): Reply[] {
  const parts = splitText(reply.text, maxLength);
  return parts.map((text, i) => (i === parts.length - 1 ? { ...reply, text } : { text }));
}

export function outboundId(cause: string, part: number): string {
  return jobId('out', cause, String(part));
}

function isOnlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) {
    return writeErrors.every((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
  }
  return (error as { code?: number }).code === 11000;
}
