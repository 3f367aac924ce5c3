/**
 * Conversation transcripts for the engine: messages in, replies and session out, without I/O. Each `send` runs one
 * turn on the stored session and user, as the inbound handler does; `chat` plays a whole conversation written as a
 * table of what the user says and what the bot's replies contain.
 */
import type { BroadcastDesk } from '../../src/domain/broadcasts/broadcast-desk.js';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Attachment, Location } from '../../src/channels/channel.js';
import type { Action } from '../../src/conversation/actions/action.js';
import { PRODUCT_ACTIONS } from '../../src/actions/product-actions.js';
import {
  createActionServices,
  createReferenceReaders,
  fixedFaqSource,
  type InquiryMatching,
  loadReferenceData,
} from '../../src/actions/services.js';
import { bindActions } from '../../src/conversation/actions/registry.js';
import type { ProgrammeEvents } from '../../src/domain/events/programme-events.js';
import type { Groups } from '../../src/domain/groups/groups.js';
import type { Inquiries } from '../../src/domain/inquiries/inquiries.js';
import type { Sellers } from '../../src/domain/sellers/sellers.js';
import type { Tickets } from '../../src/domain/tickets/tickets.js';
import { buildEntryIndex } from '../../src/nlu/faq-index.js';
import { buildUnderstander } from '../../src/understanding.js';
import { loadBotFlows } from '../../src/conversation/bot-flows.js';
import { type EngineDeps, runTurn } from '../../src/conversation/engine.js';
import type { Reply, SessionState, TurnEvent, TurnInput, TurnResult, UserView } from '../../src/conversation/turn.js';

export const PROJECT_FLOWS = join(import.meta.dirname, '..', '..', 'flows');

export const TEST_NOW = new Date('2026-11-25T10:00:00+05:30');

/** What one message carries besides its text: a tapped button, media, a shared location. */
export interface MessageExtras {
  choiceId?: string;
  attachments?: Attachment[];
  location?: Location;
}

export interface Transcript {
  user: UserView;
  session: SessionState | undefined;
  /** Every event of every turn so far, oldest first. */
  events: TurnEvent[];
  /** Sends a message (or taps a button with `choiceId`, sends media or a location) and returns the reply texts. */
  send(text: string, extras?: MessageExtras): Promise<string[]>;
  lastReplies: Reply[];
  /** The whole result of the last turn: its own user changes and events, not only the accumulated ones. */
  lastResult: TurnResult | undefined;
}

export interface TranscriptOptions {
  deps?: EngineDeps;
  user?: Partial<UserView>;
  /** The stored session the first message finds, e.g. `waitingAt(...)`; none by default (a first message). */
  session?: SessionState;
  sessionExpired?: boolean;
}

/**
 * Engine transcripts run without a database: an action that reaches the seller store fails the test with this.
 * Journeys that save go through the real pipeline (test/pipeline/seller-*.test.ts).
 */
function noStore<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => {
      throw new Error(`engine transcripts have no database: ${name}.${String(method)} needs the pipeline tests`);
    },
  });
}

const NO_SELLER_STORE = noStore<Sellers>('sellers');

/** A district with no groups yet: lookups find nothing; anything that would write needs the pipeline tests. */
/** No events entered: the FAQ's event answers say so; entering one needs the pipeline tests. */
const NO_EVENTS: ProgrammeEvents = {
  upcoming: async () => [],
  add: async () => {
    throw new Error('engine transcripts have no database: entering an event needs the pipeline tests');
  },
  cancel: async () => null,
};

const NO_GROUPS: Groups = new Proxy(
  { find: async () => null, findCodeIn: async () => undefined, ofMember: async () => [] } as Partial<Groups>,
  {
    get: (target, method) =>
      target[method as keyof Groups] ??
      (() => {
        throw new Error(`engine transcripts have no database: groups.${String(method)} needs the pipeline tests`);
      }),
  },
) as Groups;

/** The engine with the flows of `dir` and the product's actions plus `extraActions`, as start-up loads them. */
export function engineDeps(
  dir: string = PROJECT_FLOWS,
  extraActions: readonly Action[] = [],
  sellers: Sellers = NO_SELLER_STORE,
): EngineDeps {
  const reference = loadReferenceData(PROJECT_FLOWS);
  const readers = createReferenceReaders(reference);
  const services = createActionServices(
    {
      sellers,
      inquiries: noStore<Inquiries>('inquiries'),
      groups: NO_GROUPS,
      tickets: noStore<Tickets>('tickets'),
      broadcasts: noStore<BroadcastDesk>('broadcasts'),
      events: NO_EVENTS,
      faq: fixedFaqSource(reference.knowledgeBase, buildEntryIndex(reference.knowledgeBase.entries)),
      isOfficer: () => false,
      matching: noStore<InquiryMatching>('matching'),
      inquirySettings: { expiryDays: 14 },
      ...reference,
    },
    readers,
  );
  const actions = new Map(bindActions(PRODUCT_ACTIONS, services));
  for (const action of extraActions) {
    if (actions.has(action.name)) throw new Error(`action '${action.name}' is registered twice`);
    actions.set(action.name, action);
  }
  const flows = loadBotFlows(dir, new Set(actions.keys()));
  const understander = buildUnderstander(flows, dir, readers.extractInquiry);
  return { flows, actions, understand: (text) => understander.intentOf(text, TEST_NOW) };
}

let projectDeps: EngineDeps | undefined;

/** The shipped flows, loaded once per test file. */
function projectEngineDeps(): EngineDeps {
  projectDeps ??= engineDeps();
  return projectDeps;
}

export function transcript(options: TranscriptOptions = {}): Transcript {
  const deps = options.deps ?? projectEngineDeps();
  let sessionExpired = options.sessionExpired ?? false;
  let turns = 0;
  const state: Transcript = {
    user: { phone: '+919800000100', language: 'hi', languageChosen: false, optedOut: false, ...options.user },
    session: options.session && structuredClone(options.session),
    events: [],
    lastReplies: [],
    lastResult: undefined,
    async send(text, extras = {}) {
      const input: TurnInput = {
        text,
        attachments: extras.attachments ?? [],
        ...(extras.choiceId ? { choiceId: extras.choiceId } : {}),
        ...(extras.location ? { location: extras.location } : {}),
      };
      turns += 1;
      const result = await runTurn(deps, {
        user: state.user,
        session: state.session,
        ...(sessionExpired ? { sessionExpired } : {}),
        input,
        now: TEST_NOW,
        messageKey: `test:SM${turns}`,
      });
      sessionExpired = false;
      state.user = { ...state.user, ...result.userChanges };
      state.session = result.session;
      // Keys are checked where idempotency is (the pipeline tests); here events read as what happened.
      state.events.push(...result.events.map(({ key: _key, ...event }) => event as TurnEvent));
      state.lastReplies = result.replies;
      state.lastResult = result;
      return result.replies.map((reply) => reply.text);
    },
  };
  return state;
}

/** A stored session waiting at ask step `stepId` of `flowId`, as if the user had got there earlier. */
export function waitingAt(
  deps: EngineDeps,
  flowId: string,
  stepId: string,
  session: Partial<SessionState> = {},
): SessionState {
  const flow = deps.flows.flows.get(flowId);
  if (!flow) throw new Error(`waitingAt: no flow '${flowId}'`);
  if (deps.flows.step(flowId, stepId)?.type !== 'ask') throw new Error(`waitingAt: '${flowId}.${stepId}' is no ask`);
  return { flowId, stepId, flowVersion: flow.version, answers: {}, retries: 0, history: [], ...session };
}

/** A reply is expected to contain a fragment or match a pattern, or, wrapped in `exactly`, to be that very text. */
export type ExpectedReply = string | RegExp | { exactly: string };

export const exactly = (text: string): ExpectedReply => ({ exactly: text });

/** One line of a chat: what the user sends, and one expectation per reply the bot sends back, in order. */
export type ChatLine = readonly [says: string | ({ text: string } & MessageExtras), replies: readonly ExpectedReply[]];

/** Plays `lines` in order, failing at the first line whose replies differ, with the line in the message. */
export async function chat(t: Transcript, lines: readonly ChatLine[]): Promise<void> {
  for (const [index, [says, expected]] of lines.entries()) {
    const message = typeof says === 'string' ? { text: says } : says;
    const replies = await t.send(message.text, message);
    const where = `line ${index + 1}, user says ${JSON.stringify(message.text)}; bot replied ${JSON.stringify(replies)}`;
    expect(replies.length, `${where}: number of replies`).toBe(expected.length);
    expected.forEach((want, i) => {
      const reply = replies[i] ?? '';
      if (typeof want === 'string') expect(reply, `${where}: reply ${i + 1}`).toContain(want);
      else if (want instanceof RegExp) expect(reply, `${where}: reply ${i + 1}`).toMatch(want);
      else expect(reply, `${where}: reply ${i + 1}`).toBe(want.exactly);
    });
  }
}
