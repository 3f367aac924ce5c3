/**
 * Handles one inbound message, exactly once in effect: records the user, runs the conversation turn, stores the
 * replies, records what the turn asks (user changes, then each event through its handler), saves the session and
 * queues the replies. It may run again for the same message after a crash; every write is keyed by the message (and
 * step), and the session remembers which messages it has applied, so a second run only re-queues what the first
 * one stored, and finishes an erasure the first one started.
 */
import type { InboundMessage } from '../channels/channel.js';
import type { EngineDeps } from '../conversation/engine.js';
import { FALLBACK_FLOW, runTurn } from '../conversation/engine.js';
import type { SessionState } from '../conversation/turn.js';
import type { Sessions } from '../domain/sessions/sessions.js';
import { stateOf } from '../domain/sessions/sessions.js';
import type { Users } from '../domain/users/users.js';
import type { Logger } from '../log.js';
import type { OutboundDispatcher } from '../outbound/dispatch.js';
import type { TurnEventHandlers } from './turn-events.js';

export interface InboundHandlerDeps {
  users: Users;
  sessions: Sessions;
  events: TurnEventHandlers;
  engine: EngineDeps;
  dispatcher: OutboundDispatcher;
  /** Erases everything that identifies `phone`, after their last reply was queued (see forget-user.ts). */
  forgetUser: (phone: string, messageKey: string, at: Date) => Promise<void>;
  sessionIdleMs: number;
  /**
   * The button a typed message stands for, if any (a seller's typed quote answers their alert): asked only when the
   * person is not in the middle of something else.
   */
  linkReply?: (phone: string, text: string) => Promise<string | undefined>;
  logger: Logger;
}

export function messageKey(message: Pick<InboundMessage, 'channel' | 'messageId'>): string {
  return `${message.channel}:${message.messageId}`;
}

/**
 * `waitingBehind`: how many of the sender's messages wait after this one. It weighs on the replies' turn to be
 * sent, so that a person who writes a lot waits for a person who wrote once, not the other way round.
 */
export async function handleInbound(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  waitingBehind = 0,
): Promise<void> {
  const key = messageKey(message);
  const phone = message.from;
  const stored = await deps.sessions.load(phone);

  if (stored?.appliedMessageKeys.includes(key)) {
    // Applied before a crash: its replies are stored; make sure they are queued, and any erasure finished.
    await deps.dispatcher.enqueueStored(key);
    if (stored.forgetAfterReply) await deps.forgetUser(phone, key, message.receivedAt);
    return;
  }

  const user = await deps.users.recordInbound({
    phone,
    at: message.receivedAt,
    ...(message.profileName ? { profileName: message.profileName } : {}),
  });
  const expired = stored !== null && message.receivedAt.getTime() - stored.updatedAt.getTime() > deps.sessionIdleMs;
  const choiceId =
    message.choiceId ?? (await linkedChoice(deps, stored && !expired ? stateOf(stored) : undefined, message));
  const result = await runTurn(deps.engine, {
    user,
    // The engine keeps a resumable flow's draft from an expired session and drops the rest.
    session: stored ? (stateOf(stored) as SessionState) : undefined,
    sessionExpired: expired,
    input: {
      text: message.text,
      attachments: message.attachments,
      ...(choiceId ? { choiceId } : {}),
      ...(message.location ? { location: message.location } : {}),
    },
    now: message.receivedAt,
    messageKey: key,
  });

  const language = result.userChanges.language ?? user.language;
  await deps.dispatcher.store(key, { channel: message.channel, to: phone }, result.replies, { waitingBehind });
  await deps.users.apply(phone, result.userChanges, []);
  const outcome = { forgetUser: false };
  await deps.events.handle(result.events, { phone, messageKey: key, at: message.receivedAt, language, outcome });
  await deps.sessions.save(phone, stored, {
    state: result.session,
    messageKey: key,
    at: message.receivedAt,
    forgetAfterReply: outcome.forgetUser,
  });
  await deps.dispatcher.enqueueStored(key);
  if (outcome.forgetUser) await deps.forgetUser(phone, key, message.receivedAt);
}

/** Someone at the menu or in no flow at all is not in the middle of something: a typed reply may be linked. */
async function linkedChoice(
  deps: InboundHandlerDeps,
  session: { flowId?: string; stepId?: string } | undefined,
  message: InboundMessage,
): Promise<string | undefined> {
  if (!deps.linkReply || message.text.trim() === '') return undefined;
  const busy = session?.stepId !== undefined && session.flowId !== FALLBACK_FLOW;
  return busy ? undefined : deps.linkReply(message.from, message.text);
}
