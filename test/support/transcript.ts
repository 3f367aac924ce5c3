/**
 * Conversation transcripts for the engine: messages in, replies and session out, without I/O. Each `send` runs one
 * turn on the stored session and user, as the inbound handler does.
 */
import { join } from 'node:path';
import { createActionRegistry } from '../../src/conversation/actions/registry.js';
import { loadBotFlows } from '../../src/conversation/bot-flows.js';
import { type EngineDeps, runTurn } from '../../src/conversation/engine.js';
import type { Reply, SessionState, TurnEvent, UserView } from '../../src/conversation/turn.js';

export const PROJECT_FLOWS = join(import.meta.dirname, '..', '..', 'flows');

export interface Transcript {
  user: UserView;
  session: SessionState | undefined;
  events: TurnEvent[];
  /** Sends a message (or taps a button with `choiceId`) and returns the reply texts. */
  send(text: string, options?: { choiceId?: string }): Promise<string[]>;
  lastReplies: Reply[];
}

export function transcript(options: { deps?: EngineDeps; user?: Partial<UserView> } = {}): Transcript {
  const actions = createActionRegistry();
  const deps = options.deps ?? { flows: loadBotFlows(PROJECT_FLOWS, actions), actions };
  const state: Transcript = {
    user: { phone: '+919800000100', language: 'hi', languageChosen: false, optedOut: false, ...options.user },
    session: undefined,
    events: [],
    lastReplies: [],
    async send(text, sendOptions = {}) {
      const result = await runTurn(deps, {
        user: state.user,
        session: state.session,
        input: { text, attachments: [], ...(sendOptions.choiceId ? { choiceId: sendOptions.choiceId } : {}) },
        now: new Date('2026-11-25T10:00:00+05:30'),
      });
      state.user = { ...state.user, ...result.userChanges };
      state.session = result.session;
      state.events.push(...result.events);
      state.lastReplies = result.replies;
      return result.replies.map((reply) => reply.text);
    },
  };
  return state;
}
