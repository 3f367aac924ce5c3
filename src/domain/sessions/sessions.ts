/**
 * Reading and saving conversation sessions. A save lands only on the version that was read, and remembers the
 * message it applied, which is how a message handled again after a crash is recognised.
 */
import { trusted } from 'mongoose';
import { AppError } from '../../errors.js';
import type { ConversationState, SessionModel, SessionRecord } from './session-model.js';

/** How many applied message keys a session keeps; far more than can be in flight for one user. */
const APPLIED_KEYS_KEPT = 50;

export interface SessionSave {
  state: ConversationState;
  /** The inbound message this save applies. */
  messageKey: string;
  at: Date;
  forgetAfterReply?: boolean;
}

export interface Sessions {
  load(phone: string): Promise<SessionRecord | null>;
  /** Saves on the version of `stored`; a concurrent save (which per-user ordering should prevent) fails loudly. */
  save(phone: string, stored: SessionRecord | null, save: SessionSave): Promise<void>;
  erase(phone: string): Promise<void>;
  /** Clears half-finished conversations idle since before `cutoff`; returns how many. */
  expireIdleSince(cutoff: Date): Promise<number>;
}

export function stateOf(record: SessionRecord): ConversationState {
  return {
    ...(record.flowId ? { flowId: record.flowId } : {}),
    ...(record.stepId ? { stepId: record.stepId } : {}),
    ...(record.flowVersion !== undefined ? { flowVersion: record.flowVersion } : {}),
    answers: record.answers ?? {},
    retries: record.retries ?? 0,
    history: record.history ?? [],
    ...(record.suspended && Object.keys(record.suspended).length > 0 ? { suspended: record.suspended } : {}),
    ...(record.offer ? { offer: record.offer } : {}),
    ...(record.buttons && record.buttons.length > 0 ? { buttons: record.buttons } : {}),
  };
}

export function createSessions(model: SessionModel): Sessions {
  return {
    load: (phone) => model.findById(phone).lean<SessionRecord>(),

    async save(phone, stored, { state, messageKey, at, forgetAfterReply }) {
      const document = {
        _id: phone,
        phone,
        // Absent fields are dropped by the replace: a finished flow leaves no step behind.
        ...(state.flowId !== undefined ? { flowId: state.flowId } : {}),
        ...(state.stepId !== undefined ? { stepId: state.stepId } : {}),
        ...(state.flowVersion !== undefined ? { flowVersion: state.flowVersion } : {}),
        answers: state.answers,
        retries: state.retries,
        history: state.history,
        ...(state.suspended && Object.keys(state.suspended).length > 0 ? { suspended: state.suspended } : {}),
        ...(state.offer ? { offer: state.offer } : {}),
        ...(state.buttons && state.buttons.length > 0 ? { buttons: state.buttons } : {}),
        appliedMessageKeys: [...(stored?.appliedMessageKeys ?? []), messageKey].slice(-APPLIED_KEYS_KEPT),
        ...(forgetAfterReply ? { forgetAfterReply: true } : {}),
        version: (stored?.version ?? 0) + 1,
        updatedAt: at,
      };
      if (!stored) {
        await model.create(document);
        return;
      }
      const result = await model.replaceOne({ _id: phone, version: stored.version }, document);
      if (result.matchedCount === 0) {
        // The phone number stays out of the message: errors end up in logs.
        throw new AppError('SESSION_CONFLICT', `session changed while message ${messageKey} was handled`, {
          messageKey,
        });
      }
    },

    async erase(phone) {
      await model.deleteOne({ _id: phone });
    },

    async expireIdleSince(cutoff) {
      const result = await model.updateMany(
        // Our own operators are marked trusted: sanitizeFilter would otherwise treat them as user data.
        { updatedAt: trusted({ $lt: cutoff }), flowId: trusted({ $exists: true }) },
        { $unset: { flowId: 1, stepId: 1, flowVersion: 1 }, $set: { answers: {}, history: [], retries: 0 } },
      );
      return result.modifiedCount;
    },
  };
}

/**
 * Session expiry (every 10 minutes): half-finished conversations idle for longer than `idleMs` are cleared, so
 * their answers do not linger (FerretDB has no TTL indexes, and expiry here is a job anyway).
 */
export function sessionExpiryTask(sessions: Sessions, idleMs: number) {
  return {
    name: 'expire-sessions',
    everyMs: 10 * 60_000,
    run: (now: Date) => sessions.expireIdleSince(new Date(now.getTime() - idleMs)),
  };
}
