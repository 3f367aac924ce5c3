/**
 * The broadcasts officers keep: created (with a code derived from the turn or request that created it, so a repeat
 * creates nothing more), edited while not yet sent (each edit raises the version, so a run planned for the old one
 * does not start), moved through their statuses, and listed. Sending and scheduling are not done here (see
 * src/broadcasts/); this is the record.
 */
import { readableCode } from '../readable-code.js';
import { AppError } from '../../errors.js';
import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import {
  type Audience,
  type BroadcastContent,
  type BroadcastModel,
  type BroadcastRecord,
  type BroadcastStatus,
  SEGMENT_ROLES,
  type Schedule,
} from './broadcast-model.js';

export interface NewBroadcast {
  title: string;
  content: BroadcastContent;
  audience: Audience;
  schedule: Schedule;
  createdBy: string;
}

export type BroadcastEdit = Partial<Pick<NewBroadcast, 'title' | 'content' | 'audience' | 'schedule'>>;

export class InvalidBroadcastError extends AppError {
  constructor(field: string, problem: string) {
    super('INVALID_BROADCAST', `broadcast ${field}: ${problem}`, { field });
  }
}

export class BroadcastNotEditableError extends AppError {
  constructor(id: string, status: BroadcastStatus) {
    super('BROADCAST_NOT_EDITABLE', `broadcast ${id} is ${status} and can no longer be edited`, { id, status });
  }
}

/** Statuses from which a broadcast may still change what it sends or when. */
const EDITABLE: readonly BroadcastStatus[] = ['draft', 'scheduled', 'paused'];

export interface Broadcasts {
  /** The code of a broadcast created by `key` (a turn, a request): the same every time. */
  codeFor(key: string): string;
  /** Creates broadcast `id` as a draft, unless it exists (then returns it as stored). */
  create(id: string, broadcast: NewBroadcast, at: Date): Promise<BroadcastRecord>;
  find(id: string): Promise<BroadcastRecord | null>;
  /** The latest broadcasts, newest first. */
  latest(limit: number): Promise<BroadcastRecord[]>;
  /** Changes what or when; raises the version. Only a draft, scheduled or paused broadcast. */
  edit(id: string, edit: BroadcastEdit, at: Date): Promise<BroadcastRecord>;
  /** Moves to `status` (and remembers, when pausing, what to go back to); returns the updated record. */
  setStatus(id: string, status: BroadcastStatus, at: Date): Promise<BroadcastRecord | null>;
  /** Records a run as started (idempotent). */
  recordRun(id: string, runKey: string, at: Date): Promise<void>;
  /** Records how many recipients a run's audience held (idempotent: a run's audience is read once). */
  recordRunSize(id: string, runKey: string, recipients: number): Promise<void>;
}

const MAX_TEXT = 1500;

export function createBroadcasts(broadcasts: BroadcastModel): Broadcasts {
  const find = async (id: string) => broadcasts.findById(id.trim().toUpperCase()).lean<BroadcastRecord>();

  return {
    codeFor: (key) => readableCode('B', key),

    async create(id, broadcast, at) {
      checkBroadcast(broadcast);
      try {
        await withDuplicateKeyAsError('broadcasts', { _id: id }, () =>
          broadcasts.create({
            _id: id,
            ...broadcast,
            status: 'draft',
            version: 1,
            runs: [],
            runSizes: [],
            createdAt: at,
            updatedAt: at,
          }),
        );
      } catch (error) {
        if ((error as AppError).code !== 'DUPLICATE_KEY') throw error;
      }
      return (await find(id)) as BroadcastRecord;
    },

    find,

    async latest(limit) {
      return broadcasts.find({}).sort({ createdAt: -1 }).limit(limit).lean<BroadcastRecord[]>();
    },

    async edit(id, edit, at) {
      const current = await find(id);
      if (!current) throw new InvalidBroadcastError('id', `no broadcast ${id}`);
      if (!EDITABLE.includes(current.status)) throw new BroadcastNotEditableError(id, current.status);
      const next = { ...current, ...edit };
      checkBroadcast(next);
      return (await broadcasts
        .findOneAndUpdate(
          { _id: current._id },
          { $set: { ...edit, updatedAt: at }, $inc: { version: 1 } },
          { timestamps: false, returnDocument: 'after' },
        )
        .lean<BroadcastRecord>()) as BroadcastRecord;
    },

    async setStatus(id, status, at) {
      const current = await find(id);
      if (!current) return null;
      const pausing = status === 'paused' && current.status !== 'paused';
      return broadcasts
        .findOneAndUpdate(
          { _id: current._id },
          {
            $set: { status, updatedAt: at, ...(pausing ? { resumeTo: current.status } : {}) },
            ...(status !== 'paused' ? { $unset: { resumeTo: 1 } } : {}),
          },
          { timestamps: false, returnDocument: 'after' },
        )
        .lean<BroadcastRecord>();
    },

    async recordRun(id, runKey, at) {
      await broadcasts.updateOne({ _id: id }, { $addToSet: { runs: runKey }, $set: { updatedAt: at } });
    },

    async recordRunSize(id, runKey, recipients) {
      // The whole entry is the value added: the same run and size again adds nothing.
      await broadcasts.updateOne({ _id: id }, { $addToSet: { runSizes: { run: runKey, recipients } } });
    },
  };
}

/** What every stored broadcast satisfies; the console and the WhatsApp flow check their input before this. */
export function checkBroadcast(broadcast: Pick<NewBroadcast, 'title' | 'content' | 'audience' | 'schedule'>): void {
  if (broadcast.title.trim() === '') throw new InvalidBroadcastError('title', 'is empty');
  const texts = Object.values(broadcast.content.text).filter((text) => text && text.trim() !== '');
  if (texts.length === 0) throw new InvalidBroadcastError('content.text', 'needs the message in Hindi or English');
  if (texts.some((text) => (text as string).length > MAX_TEXT))
    throw new InvalidBroadcastError('content.text', `is longer than ${MAX_TEXT} characters`);
  if (broadcast.content.mediaUrl !== undefined && !/^https:\/\//.test(broadcast.content.mediaUrl))
    throw new InvalidBroadcastError('content.mediaUrl', 'must be an https:// address');
  for (const [language, template] of Object.entries(broadcast.content.templates)) {
    if (template && !/^HX[0-9a-f]{32}$/i.test(template.contentSid))
      throw new InvalidBroadcastError(`content.templates.${language}.contentSid`, 'is not a Content SID (HX…)');
  }
  const { audience } = broadcast;
  if ('groups' in audience) {
    if (audience.groups.length === 0) throw new InvalidBroadcastError('audience.groups', 'names no group');
  } else if (audience.segment.role !== undefined && !SEGMENT_ROLES.includes(audience.segment.role)) {
    throw new InvalidBroadcastError('audience.segment.role', `must be one of ${SEGMENT_ROLES.join(', ')}`);
  }
  const { schedule } = broadcast;
  if (schedule.kind === 'at' && Number.isNaN(new Date(schedule.at).getTime()))
    throw new InvalidBroadcastError('schedule.at', 'is not a time');
  if (schedule.kind === 'recurring' && !/^(\S+\s+){4,5}\S+$/.test(schedule.cron.trim()))
    throw new InvalidBroadcastError('schedule.cron', 'is not a cron pattern of five or six fields');
}
