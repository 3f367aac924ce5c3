/**
 * Handles one inbound message, exactly once in effect: records the user, runs the conversation turn, stores the
 * replies and the new session, and queues the replies. It may run again for the same message after a crash; every
 * write is keyed by the message, and the session remembers which messages it has applied, so a second run only
 * re-queues what the first one stored.
 */
import { trusted } from 'mongoose';
import type { InboundMessage } from '../channels/channel.js';
import type { EngineDeps } from '../conversation/engine.js';
import { runTurn } from '../conversation/engine.js';
import type { SessionRecord } from '../conversation/session-model.js';
import type { SessionState, TurnEvent, UserView } from '../conversation/turn.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Models } from '../persistence/models.js';
import type { OutboundDispatcher } from '../outbound/dispatch.js';

/** How many applied message keys a session keeps; far more than can be in flight for one user. */
const APPLIED_KEYS_KEPT = 50;

export interface InboundHandlerDeps {
  models: Models;
  engine: EngineDeps;
  dispatcher: OutboundDispatcher;
  sessionIdleMs: number;
  logger: Logger;
}

export function messageKey(message: Pick<InboundMessage, 'channel' | 'messageId'>): string {
  return `${message.channel}:${message.messageId}`;
}

export async function handleInbound(deps: InboundHandlerDeps, message: InboundMessage): Promise<void> {
  const key = messageKey(message);
  const user = await recordUser(deps.models, message);
  const stored = await deps.models.sessions.findById(message.from).lean<SessionRecord>();

  if (stored?.appliedMessageKeys.includes(key)) {
    // Applied before a crash: its replies are stored; make sure they are queued.
    await deps.dispatcher.enqueueStored(key);
    return;
  }

  const expired = stored !== null && message.receivedAt.getTime() - stored.updatedAt.getTime() > deps.sessionIdleMs;
  const result = await runTurn(deps.engine, {
    user,
    session: stored && !expired ? toState(stored) : undefined,
    sessionExpired: expired && stored?.flowId !== undefined,
    input: {
      text: message.text,
      attachments: message.attachments,
      ...(message.choiceId ? { choiceId: message.choiceId } : {}),
      ...(message.location ? { location: message.location } : {}),
    },
    now: message.receivedAt,
  });

  const language = result.userChanges.language ?? user.language;
  await deps.dispatcher.store(key, { channel: message.channel, to: message.from }, result.replies);
  await applyUserChanges(deps, message, result.userChanges, result.events);
  await recordEvents(deps, message, key, language, result.events);
  await saveSession(deps.models, message.from, stored, result.session, key, message.receivedAt);
  await deps.dispatcher.enqueueStored(key);
}

async function recordUser(models: Models, message: InboundMessage): Promise<UserView> {
  const user = await models.users
    .findOneAndUpdate(
      { _id: message.from },
      {
        $set: {
          lastInboundAt: message.receivedAt,
          ...(message.profileName ? { profileName: message.profileName } : {}),
        },
        $setOnInsert: { phone: message.from, consentEvents: [] },
      },
      { upsert: true, returnDocument: 'after' },
    )
    .lean();
  if (!user) throw new AppError('USER_UPSERT_FAILED', `could not record user for message ${message.messageId}`);
  return {
    phone: user.phone,
    language: user.language ?? 'hi',
    languageChosen: user.languageChosen ?? false,
    optedOut: user.optedOut ?? false,
    ...(user.name ? { name: user.name } : {}),
    ...(user.profileName ? { profileName: user.profileName } : {}),
  };
}

async function applyUserChanges(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  changes: Partial<UserView>,
  events: TurnEvent[],
): Promise<void> {
  const consent = events.flatMap((event) =>
    event.type === 'consent' ? [{ kind: event.kind, evidence: event.evidence, at: message.receivedAt }] : [],
  );
  if (Object.keys(changes).length === 0 && consent.length === 0) return;
  // A rerun after a crash before the session was saved must not record the same consent twice: consent events carry
  // the message's time, so the update only lands on a user with no event from this message yet (the changes in it
  // were applied by the first run, in the same update).
  const notRecordedYet = consent.length > 0 ? { 'consentEvents.at': trusted({ $ne: message.receivedAt }) } : {};
  await deps.models.users.updateOne(
    { _id: message.from, ...notRecordedYet },
    { $set: changes, ...(consent.length > 0 ? { $push: { consentEvents: { $each: consent } } } : {}) },
  );
}

async function recordEvents(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  key: string,
  language: 'hi' | 'en',
  events: TurnEvent[],
): Promise<void> {
  for (const [i, event] of events.entries()) {
    if (event.type === 'handoff') {
      await deps.models.tickets.updateOne(
        { _id: `${key}:${i}` },
        {
          $setOnInsert: {
            phone: message.from,
            language,
            topic: event.topic ?? event.flowId,
            question: event.question,
            answers: event.answers,
            flowId: event.flowId,
            status: 'open',
          },
        },
        { upsert: true },
      );
    } else if (event.type === 'flow_failed') {
      deps.logger.error({ flowId: event.flowId, stepId: event.stepId, reason: event.reason, key }, 'flow failed');
    }
  }
}

function toState(record: SessionRecord): SessionState {
  return {
    ...(record.flowId ? { flowId: record.flowId } : {}),
    ...(record.stepId ? { stepId: record.stepId } : {}),
    ...(record.flowVersion !== undefined ? { flowVersion: record.flowVersion } : {}),
    answers: record.answers ?? {},
    retries: record.retries ?? 0,
    history: record.history ?? [],
  };
}

/** Saves on the version read; a concurrent save (which per-user ordering should prevent) fails loudly. */
async function saveSession(
  models: Models,
  phone: string,
  stored: SessionRecord | null,
  state: SessionState,
  key: string,
  now: Date,
): Promise<void> {
  const appliedMessageKeys = [...(stored?.appliedMessageKeys ?? []), key].slice(-APPLIED_KEYS_KEPT);
  const version = (stored?.version ?? 0) + 1;
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
    appliedMessageKeys,
    version,
    updatedAt: now,
  };
  if (!stored) {
    await models.sessions.create(document);
    return;
  }
  const result = await models.sessions.replaceOne({ _id: phone, version: stored.version }, document);
  if (result.matchedCount === 0) {
    throw new AppError('SESSION_CONFLICT', `session of ${phone} changed while message ${key} was handled`, { key });
  }
}
