/**
 * The flow engine. One turn: global commands first (STOP, menu, back…), then the answer to the waiting question,
 * then steps run until the flow waits again or ends. Like goflow, actions and steps record what should happen
 * (replies, user changes, consent, hand-offs) and the caller performs it; a step cap stops a looping flow.
 *
 * Free text with no question waiting starts the flow its meaning points to (`understand`, src/nlu/understand.ts);
 * an answer that does not fit its question but clearly asks for something else is followed or offered instead of
 * re-prompted. Resumable flows keep a draft, so what the user left half-way continues when they come back.
 */
import { detectGlobalCommand, type GlobalCommand } from '../nlu/commands.js';
import { guessLanguage } from '../nlu/language.js';
import { matchChoice } from '../nlu/choice.js';
import { asksForMore } from '../nlu/more.js';
import type { Intent, IntentGuess } from '../nlu/intent.js';
import { normalizeText } from '../nlu/normalize.js';
import { parseYesNo } from '../nlu/yes-no.js';
import type { ActionContext } from './actions/action.js';
import type { ActionRegistry } from './actions/registry.js';
import { readAnswer } from './answers.js';
import type { FlowSet } from './flow-loader.js';
import type { AskStep, Destination, Flow, Language, LocalizedText, Step } from './flow-schema.js';
import { formatAnswer } from './answer-format.js';
import { REPROMPTS, SWITCH_OFFERS, SYSTEM_TEXTS } from './system-texts.js';
import { lookup, renderTemplate, type ValueFormatter } from './template.js';
import {
  EMPTY_SESSION,
  type Reply,
  type KeyedTurnEvent,
  type SessionState,
  type TurnEvent,
  type TurnInput,
  type TurnResult,
  type UserChanges,
  type UserView,
} from './turn.js';

/** Flows the global commands open. Every flow set the bot runs must define them (checked at start-up). */
export const COMMAND_FLOWS: Readonly<Record<Exclude<GlobalCommand, 'back' | 'cancel'>, string>> = {
  menu: 'main_menu',
  help: 'help',
  language: 'language',
  stop: 'stop',
  start: 'start',
};

/** Where a message that starts nothing else goes. */
export const FALLBACK_FLOW = 'main_menu';

/** `{{user.<field>}}` names a flow may use, and the other namespaces a template may read. */
export const TEMPLATE_USER_FIELDS = ['phone', 'name', 'profileName', 'language', 'languageChosen', 'optedOut'] as const;
export const TEMPLATE_CONTEXT_VARIABLES = ['input'] as const;

export const MAX_STEPS_PER_TURN = 50;

/** A half-finished resumable flow older than this starts afresh. */
export const SUSPENDED_FLOW_DAYS = 30;

/** Intents followed at once from the middle of a question: they lose nothing and are what the user said. */
const SWITCH_AT_ONCE: ReadonlySet<Intent> = new Set(['greeting', 'menu', 'help', 'language']);
/** Intents whose flow itself deals with the language (greeting asks a new user first). */
const LANGUAGE_FIRST: ReadonlySet<Intent> = new Set(['greeting', 'language']);
const OFFER_YES = 'switch';
const OFFER_NO = 'stay';

const SINGLE_VARIABLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;

export interface EngineDeps {
  flows: FlowSet;
  actions: ActionRegistry;
  /** What free text means (src/nlu/understand.ts); without it, only keywords and menus start flows. */
  understand?: (text: string) => IntentGuess;
}

export interface TurnContext {
  user: UserView;
  /** The stored session; undefined for a first message. An expired one is given with `sessionExpired`. */
  session: SessionState | undefined;
  /** True when the stored session was idle too long: only its resumable flows' drafts are kept. */
  sessionExpired?: boolean;
  input: TurnInput;
  now: Date;
  /** `<channel>:<message id>` of the inbound message: the root of every idempotency key the turn hands out. */
  messageKey: string;
}

class StepCapExceeded extends Error {
  constructor(
    readonly flowId: string,
    readonly stepId: string,
  ) {
    super(`more than ${MAX_STEPS_PER_TURN} steps in one turn, at step '${stepId}'`);
  }
}

export async function runTurn(deps: EngineDeps, context: TurnContext): Promise<TurnResult> {
  const turn = new Turn(deps, context);
  return turn.run();
}

/** The mutable state of one turn; `run()` returns its result once. */
class Turn {
  private session: SessionState;
  private readonly userChanges: UserChanges = {};
  private readonly replies: Reply[] = [];
  private readonly events: KeyedTurnEvent[] = [];
  private readonly stepRuns = new Map<string, number>();
  /** The question answered in this turn, for actions that record consent with the words it was given in. */
  private answered: ActionContext['answered'];
  private stepsRun = 0;
  /** The message the turn works on: the one sent, or the earlier one the user agreed to switch to (see offers). */
  private input: TurnInput;
  /** A flow started from what a new user wrote: the language choice is offered after its answer. */
  private offerLanguageAfterwards = false;
  /** Buttons said in this turn (related questions), kept for a numbered reply when nothing else waits. */
  private lastButtons: { id: string; title: string }[] | undefined;

  constructor(
    private readonly deps: EngineDeps,
    private readonly context: TurnContext,
  ) {
    this.input = context.input;
    const stored = structuredClone(context.session ?? EMPTY_SESSION);
    // An expired conversation starts afresh, but a resumable flow's draft (kept in `suspended`) survives it.
    this.session = context.sessionExpired ? { ...EMPTY_SESSION, ...pick(stored, 'suspended') } : stored;
  }

  private get user(): UserView {
    return { ...this.context.user, ...this.userChanges };
  }

  private get language(): Language {
    return this.user.language;
  }

  async run(): Promise<TurnResult> {
    this.guessLanguageIfNotChosen();
    try {
      await this.dispatch();
    } catch (error) {
      if (!(error instanceof StepCapExceeded)) throw error;
      this.record(
        { type: 'flow_failed', flowId: error.flowId, stepId: error.stepId, reason: error.message },
        this.stepKey(error.flowId, error.stepId),
      );
      this.endFlow();
      // A looping flow said the same things over and over: send the apology alone, not dozens of messages.
      this.replies.length = 0;
      this.say(SYSTEM_TEXTS.something_went_wrong);
    }
    await this.offerLanguageIfNew();
    this.keepDraftOfResumableFlow();
    if (this.lastButtons && !this.session.stepId) this.session.buttons = this.lastButtons;
    return { session: this.session, userChanges: this.userChanges, replies: this.replies, events: this.events };
  }

  /**
   * A new user whose first message asked for something gets the answer first, in the language they wrote in, and
   * then the language choice (once nothing else waits for an answer).
   */
  private async offerLanguageIfNew(): Promise<void> {
    if (!this.offerLanguageAfterwards || this.user.languageChosen || this.session.stepId) return;
    const flowId = this.flowForIntent('language');
    if (!flowId) return;
    try {
      await this.startFlow(flowId);
    } catch (error) {
      if (!(error instanceof StepCapExceeded)) throw error;
    }
  }

  /** Remembers where the user waits in a resumable flow, so that leaving it (menu, another flow) loses nothing. */
  private keepDraftOfResumableFlow(): void {
    const { flowId, stepId, flowVersion } = this.session;
    if (!flowId || !stepId || flowVersion === undefined) return;
    if (!this.deps.flows.flows.get(flowId)?.resumable) return;
    this.session.suspended = {
      ...this.session.suspended,
      [flowId]: {
        stepId,
        flowVersion,
        answers: this.session.answers,
        history: this.session.history,
        savedAt: this.context.now.toISOString(),
      },
    };
  }

  /** Continues a resumable flow the user left half-way; false when there is nothing (recent) to continue. */
  private resumeDraft(flow: Flow): boolean {
    const draft = this.session.suspended?.[flow.flow];
    if (!flow.resumable || !draft) return false;
    const fresh = this.context.now.getTime() - Date.parse(draft.savedAt) < SUSPENDED_FLOW_DAYS * 86_400_000;
    const step = this.deps.flows.step(flow.flow, draft.stepId);
    if (!fresh || draft.flowVersion !== flow.version || step?.type !== 'ask') {
      this.dropDraft(flow.flow);
      return false;
    }
    this.session = {
      flowId: flow.flow,
      flowVersion: flow.version,
      stepId: step.id,
      answers: draft.answers,
      retries: 0,
      history: draft.history,
      ...pick(this.session, 'suspended'),
    };
    this.say(SYSTEM_TEXTS.resuming);
    this.ask(step);
    return true;
  }

  private dropDraft(flowId: string): void {
    if (!this.session.suspended?.[flowId]) return;
    const { [flowId]: _dropped, ...rest } = this.session.suspended;
    this.session.suspended = rest;
  }

  private guessLanguageIfNotChosen(): void {
    if (this.context.user.languageChosen) return;
    const guess = guessLanguage(this.context.input.text);
    if (guess && guess !== this.context.user.language) this.userChanges.language = guess;
  }

  private async dispatch(): Promise<void> {
    this.pickLastButton();
    const input = this.input;
    // A button of a message sent outside this conversation (an alert) answers that message, not the question
    // the person may be in the middle of here.
    const linked = input.choiceId ? this.flowForButton(input.choiceId) : undefined;
    if (linked) {
      delete this.session.offer;
      return this.startFlow(linked);
    }
    // A tapped button is an answer, even if its title happens to read like a command.
    const command = input.choiceId ? undefined : detectGlobalCommand(input.text);
    if (command) {
      delete this.session.offer;
      return this.runCommand(command);
    }
    if (this.session.offer && (await this.answerOffer(this.session.offer))) return;

    const waiting = this.waitingStep();
    if (waiting && 'restart' in waiting) return this.restart(waiting.restart);
    if (waiting) return this.answer(waiting.flow, waiting.step);

    if (this.context.sessionExpired && this.context.session?.flowId) this.say(SYSTEM_TEXTS.session_expired);
    const triggered = this.flowTriggeredBy(input.text);
    if (triggered) return this.startFlow(triggered);
    if (normalizeText(input.text) !== '' || input.attachments.length > 0) this.say(SYSTEM_TEXTS.not_understood);
    return this.startFlow(FALLBACK_FLOW);
  }

  /**
   * "2" (or a button's title) after a message whose buttons wait for nothing is a tap on that button, and "more"
   * ("aur batao") a tap on the first: those buttons offer what comes next (the FAQ's related questions). The
   * buttons count for the next message only.
   */
  private pickLastButton(): void {
    const buttons = this.session.buttons;
    delete this.session.buttons;
    if (!buttons || this.input.choiceId) return;
    const picked =
      matchChoice(
        this.input.text,
        buttons.map((button) => ({ id: button.id, titles: [button.title] })),
      ) ?? (asksForMore(this.input.text) ? buttons[0] : undefined);
    if (picked) this.input = { ...this.input, choiceId: picked.id };
  }

  /** The flow whose `triggers.buttons` names the prefix of `choiceId` (`<prefix>:…`), if any. */
  private flowForButton(choiceId: string): string | undefined {
    const separator = choiceId.indexOf(':');
    if (separator <= 0) return undefined;
    const prefix = choiceId.slice(0, separator);
    for (const flow of this.deps.flows.flows.values()) {
      if (flow.triggers.buttons.includes(prefix)) return flow.flow;
    }
    return undefined;
  }

  /** The flow that serves `intent` (its first declared intent), if any. */
  private flowForIntent(intent: Intent): string | undefined {
    for (const flow of this.deps.flows.flows.values()) {
      if (flow.triggers.intents[0] === intent) return flow.flow;
    }
    return undefined;
  }

  /** The flow a confident reading of free text points to, other than `except`. */
  private flowMeant(text: string, except?: string): { flowId: string; intent: Intent } | undefined {
    if (!this.deps.understand || normalizeText(text) === '') return undefined;
    const { intent } = this.deps.understand(text);
    if (intent === 'other') return undefined;
    const flowId = this.flowForIntent(intent);
    return flowId && flowId !== except ? { flowId, intent } : undefined;
  }

  /**
   * An answer that does not fit the question but confidently asks for something else. A request for the menu,
   * help, the language or a greeting is followed at once; anything else (a question, an inquiry) is offered, so
   * a mistyped answer does not throw the user out of what they were doing. Returns false when it is neither.
   */
  private async switchInsteadOfReprompt(flow: Flow): Promise<boolean> {
    // A flow's own keyword, written on its own ("post", "my inquiries"), asks for that flow: it is no answer.
    const keyword = keywordIndex(this.deps.flows).get(this.keywordKey(this.input.text));
    if (keyword && keyword !== flow.flow) {
      await this.startFlow(keyword);
      return true;
    }
    const meant = this.flowMeant(this.input.text, flow.flow);
    if (!meant) return false;
    if (SWITCH_AT_ONCE.has(meant.intent)) {
      await this.startFlow(meant.flowId);
      return true;
    }
    this.session.offer = { flowId: meant.flowId, intent: meant.intent, text: this.input.text };
    const what = SWITCH_OFFERS[meant.intent] ?? SYSTEM_TEXTS.switch_offer_other;
    this.replies.push({
      text: `${what[this.language]}\n\n1. ${SYSTEM_TEXTS.switch_yes[this.language]}\n2. ${SYSTEM_TEXTS.switch_no[this.language]}`,
      choices: [
        { id: OFFER_YES, title: SYSTEM_TEXTS.switch_yes[this.language] },
        { id: OFFER_NO, title: SYSTEM_TEXTS.switch_no[this.language] },
      ],
    });
    return true;
  }

  /** The reply to a switch offer; false when the message is not one (it is then read as usual). */
  private async answerOffer(offer: NonNullable<SessionState['offer']>): Promise<boolean> {
    delete this.session.offer;
    const choice =
      this.input.choiceId ??
      matchChoice(this.input.text, [
        { id: OFFER_YES, titles: [SYSTEM_TEXTS.switch_yes.hi, SYSTEM_TEXTS.switch_yes.en] },
        { id: OFFER_NO, titles: [SYSTEM_TEXTS.switch_no.hi, SYSTEM_TEXTS.switch_no.en] },
      ])?.id;
    const yes = choice === OFFER_YES || (choice === undefined && parseYesNo(this.input.text) === true);
    const no = choice === OFFER_NO || (choice === undefined && parseYesNo(this.input.text) === false);
    if (yes) {
      // The flow switched to works on the message that asked for it, not on the "yes".
      this.input = { ...this.input, text: offer.text, attachments: [] };
      delete this.input.choiceId;
      await this.startFlow(offer.flowId);
      return true;
    }
    if (no) {
      const waiting = this.waitingStep();
      if (waiting && !('restart' in waiting)) this.ask(waiting.step);
      return true;
    }
    return false;
  }

  private async runCommand(command: GlobalCommand): Promise<void> {
    if (command === 'cancel') {
      const inFlow = this.session.flowId !== undefined;
      // "cancel" means it: a cancelled registration is not offered again as a draft.
      if (this.session.flowId) this.dropDraft(this.session.flowId);
      this.endFlow();
      this.say(inFlow ? SYSTEM_TEXTS.cancelled : SYSTEM_TEXTS.nothing_to_cancel);
      return;
    }
    if (command === 'back') return this.goBack();
    return this.startFlow(COMMAND_FLOWS[command]);
  }

  private async goBack(): Promise<void> {
    const waiting = this.waitingStep();
    if (waiting && 'restart' in waiting) return this.restart(waiting.restart);
    const previous = this.session.history.at(-1);
    if (!waiting || previous === undefined) {
      this.say(SYSTEM_TEXTS.nothing_to_go_back_to);
      if (waiting) this.ask(waiting.step);
      return;
    }
    this.session.history.pop();
    const step = this.deps.flows.step(waiting.flow.flow, previous);
    if (step?.type !== 'ask') return this.startFlow(waiting.flow.flow);
    // The previous question is the one waiting now: its answer must not go to the question the user left.
    this.session.stepId = step.id;
    this.session.retries = 0;
    this.ask(step);
  }

  /**
   * The ask step this user's session waits on. When its flow changed version or lost the step, the session
   * restarts that flow (or the menu, if the flow is gone) rather than guess what an old answer meant.
   */
  private waitingStep(): { flow: Flow; step: AskStep } | { restart: string } | undefined {
    const { flowId, stepId, flowVersion } = this.session;
    if (flowId === undefined || stepId === undefined) return undefined;
    const flow = this.deps.flows.flows.get(flowId);
    const step = flow ? this.deps.flows.step(flowId, stepId) : undefined;
    if (flow && step?.type === 'ask' && flow.version === flowVersion) return { flow, step };
    return { restart: flow ? flowId : FALLBACK_FLOW };
  }

  private restart(flowId: string): Promise<void> {
    this.say(SYSTEM_TEXTS.flow_changed);
    return this.startFlow(flowId);
  }

  private async answer(flow: Flow, step: AskStep): Promise<void> {
    const reading = readAnswer(step, this.input);
    if (!reading.ok) {
      if (await this.switchInsteadOfReprompt(flow)) return;
      this.session.retries += 1;
      if (this.session.retries >= step.retries) {
        if (step.onFail) return this.goTo(flow, step.onFail);
        this.endFlow();
        this.say(SYSTEM_TEXTS.too_many_tries);
        return;
      }
      this.say(reading.reason ?? step.reprompt ?? REPROMPTS[step.input]);
      this.ask(step);
      return;
    }
    this.answered = {
      stepId: step.id,
      question: this.render(step.prompt[this.language]),
      words: this.input.text || this.input.choiceId || '',
    };
    this.session.answers[step.save ?? step.id] = reading.value;
    this.session.retries = 0;
    this.session.history.push(step.id);
    const next = reading.next ?? step.next;
    if (!next) throw new Error(`flow[${flow.flow}] step[${step.id}] has no next (flow validation should prevent this)`);
    return this.goTo(flow, next);
  }

  /**
   * The flow a message with no question waiting starts: a keyword that is the whole message; else what the message
   * confidently means; else a keyword it starts with ("hi, ..." when nothing else was understood).
   */
  /** The text as keywords are looked up: normalized, punctuation dropped. */
  private keywordKey(text: string): string {
    return normalizeText(text)
      .replace(/[^\p{L}\p{M}\p{N}\s]/gu, '')
      .trim();
  }

  private flowTriggeredBy(text: string): string | undefined {
    const normalized = this.keywordKey(text);
    if (normalized === '') return undefined;
    const keywords = keywordIndex(this.deps.flows);
    const byKeyword = (word: string) => keywords.get(word);
    const whole = byKeyword(normalized);
    if (whole) return whole;
    const [first, ...rest] = normalized.split(' ');
    // A command and its arguments ("JOIN RICE24", "MUTE RICE24 9876543210") is the command, whatever the arguments
    // read like (RICE24 reads like rice). Arguments are codes and numbers: each has a digit.
    const command = rest.length > 0 && rest.every((word) => /\d/.test(word)) ? byKeyword(first as string) : undefined;
    if (command) return command;
    const meant = this.flowMeant(text);
    if (meant) {
      if (!this.user.languageChosen && !LANGUAGE_FIRST.has(meant.intent)) this.offerLanguageAfterwards = true;
      return meant.flowId;
    }
    return first === undefined ? undefined : byKeyword(first);
  }

  private async startFlow(flowId: string): Promise<void> {
    const flow = this.deps.flows.flows.get(flowId);
    if (!flow) throw new Error(`flow '${flowId}' is not loaded (start-up checks should prevent this)`);
    if (this.session.flowId !== flowId && this.resumeDraft(flow)) return;
    this.session = {
      flowId,
      flowVersion: flow.version,
      answers: {},
      retries: 0,
      history: [],
      ...pick(this.session, 'suspended'),
    };
    return this.runFrom(flow, flow.start);
  }

  /** The flow itself moves on to another: it is finished with, so its draft goes (unlike when the user leaves). */
  private leaveFor(flow: Flow, nextFlowId: string): Promise<void> {
    this.dropDraft(flow.flow);
    return this.startFlow(nextFlowId);
  }

  private async goTo(flow: Flow, destination: Destination): Promise<void> {
    if (typeof destination === 'object') return this.leaveFor(flow, destination.flow);
    return this.runFrom(flow, destination);
  }

  /** Runs steps from `stepId` until one waits for the user or the flow ends. */
  private async runFrom(flow: Flow, stepId: string): Promise<void> {
    let current: Step | undefined = this.deps.flows.step(flow.flow, stepId);
    while (current) {
      this.stepsRun += 1;
      if (this.stepsRun > MAX_STEPS_PER_TURN) {
        throw new StepCapExceeded(flow.flow, current.id);
      }
      const next = await this.runStep(flow, current);
      if (next === undefined) return;
      if (typeof next === 'object') return this.leaveFor(flow, next.flow);
      current = this.deps.flows.step(flow.flow, next);
    }
    throw new Error(`flow[${flow.flow}] step[${stepId}] does not exist (flow validation should prevent this)`);
  }

  /** Runs one step; returns where to go, or undefined when the turn stops here. */
  private async runStep(flow: Flow, step: Step): Promise<Destination | undefined> {
    switch (step.type) {
      case 'message':
        this.say(step.text, step.buttons);
        return step.next;
      case 'ask':
        this.session.stepId = step.id;
        this.session.retries = 0;
        this.ask(step);
        return undefined;
      case 'branch': {
        const matched = step.cases.find((branchCase) => this.holds(branchCase.when));
        return matched ? matched.next : step.default;
      }
      case 'goto':
        return step.next;
      case 'action':
        return this.runAction(flow, step);
      case 'handoff':
        this.record(
          {
            type: 'handoff',
            flowId: flow.flow,
            stepId: step.id,
            ...(step.topic ? { topic: step.topic } : {}),
            question: step.question ? this.render(step.question) : this.input.text,
            answers: { ...this.session.answers },
          },
          this.stepKey(flow.flow, step.id),
        );
        this.say(step.text);
        this.endFlow();
        return undefined;
      case 'end':
        if (step.text) this.say(step.text, step.buttons);
        this.endFlow();
        return undefined;
    }
  }

  private async runAction(flow: Flow, step: Extract<Step, { type: 'action' }>): Promise<Destination | undefined> {
    const action = this.deps.actions.get(step.action);
    if (!action) throw new Error(`action '${step.action}' is not registered (flow validation should prevent this)`);
    const inputs = Object.fromEntries(Object.entries(step.with).map(([key, value]) => [key, this.actionInput(value)]));
    const idempotencyKey = this.stepKey(flow.flow, step.id);
    const result = await action.run(inputs, {
      user: this.user,
      input: this.input,
      now: this.context.now,
      flowId: flow.flow,
      stepId: step.id,
      language: this.language,
      idempotencyKey,
      ...(this.answered ? { answered: this.answered } : {}),
    });
    if (!result.ok) {
      if (step.onError) return step.onError;
      this.record({ type: 'flow_failed', flowId: flow.flow, stepId: step.id, reason: result.reason }, idempotencyKey);
      this.endFlow();
      this.say(SYSTEM_TEXTS.something_went_wrong);
      return undefined;
    }
    Object.assign(this.userChanges, result.userChanges);
    for (const event of result.events ?? []) this.record(event, idempotencyKey);
    if (step.save && result.output !== undefined) this.session.answers[step.save] = result.output;
    return step.next;
  }

  /**
   * A `with:` value as the action receives it: exactly one `{{variable}}` passes the stored value itself (a
   * quantity object, choice ids, a country code, a boolean); a literal passes as written; anything else is rendered.
   */
  private actionInput(value: string | number | boolean): unknown {
    if (typeof value !== 'string') return value;
    const single = SINGLE_VARIABLE.exec(value);
    if (single?.[1]) return structuredClone(lookup(this.scope(), single[1]));
    return this.render(value);
  }

  /**
   * The idempotency key of a step in this turn. A step that runs more than once in one turn (a loop back to it)
   * gets a counter, so each run is told apart; a turn run again after a crash hands out the same keys.
   */
  private stepKey(flowId: string, stepId: string): string {
    const base = `${this.context.messageKey}#${flowId}.${stepId}`;
    const runs = (this.stepRuns.get(base) ?? 0) + 1;
    this.stepRuns.set(base, runs);
    return runs === 1 ? base : `${base}#${runs}`;
  }

  private record(event: TurnEvent, key: string): void {
    this.events.push({ ...event, key });
  }

  private holds(condition: { var: string; equals?: unknown; in?: unknown[]; exists?: boolean }): boolean {
    const value = lookup(this.scope(), condition.var);
    if (condition.exists !== undefined) return (value !== undefined && value !== null) === condition.exists;
    if (condition.in !== undefined) return condition.in.includes(value as string | number);
    return value === condition.equals;
  }

  private scope(): Record<string, unknown> {
    return { answers: this.session.answers, user: this.user, input: this.input };
  }

  /** Renders a flow text: answers show as people read them (an option's title, हाँ/नहीं, "50 टन"), never as ids. */
  private render(template: string): string {
    return renderTemplate(template, this.scope(), this.language, this.formatter());
  }

  private formatter(): ValueFormatter {
    const flow = this.session.flowId ? this.deps.flows.flows.get(this.session.flowId) : undefined;
    return (path, value, language) => {
      const [namespace, key] = path.split('.');
      if (!flow || namespace !== 'answers' || key === undefined || path.split('.').length !== 2) return undefined;
      const step = flow.steps.find((candidate) => candidate.type === 'ask' && (candidate.save ?? candidate.id) === key);
      return step?.type === 'ask' ? formatAnswer(step, value, language) : undefined;
    };
  }

  private ask(step: AskStep): void {
    const prompt = this.render(step.prompt[this.language]);
    if (step.input !== 'choice' && step.input !== 'multi_choice') {
      this.replies.push({ text: prompt });
      return;
    }
    const choices = step.options.map((option) => ({
      id: option.id,
      title: option.title[this.language],
      ...(option.description ? { description: option.description[this.language] } : {}),
    }));
    const numbered = choices.map((choice, i) => `${i + 1}. ${choice.title}`).join('\n');
    this.replies.push({
      text: `${prompt}\n\n${numbered}`,
      choices,
      ...(step.template ? { templateKey: step.template } : {}),
    });
  }

  /** Says `text`, with the buttons an action left in the `{{variable}}` `buttons` (none when it holds none). */
  private say(text: LocalizedText, buttons?: string): void {
    const choices = buttons ? this.buttonsIn(buttons) : [];
    this.replies.push({ text: this.render(text[this.language]), ...(choices.length > 0 ? { choices } : {}) });
    if (choices.length > 0) this.lastButtons = choices;
  }

  private buttonsIn(variable: string): { id: string; title: string }[] {
    const path = SINGLE_VARIABLE.exec(variable)?.[1];
    const value = path ? lookup(this.scope(), path) : undefined;
    if (!Array.isArray(value)) return [];
    return value
      .filter((button): button is { id: string; title: LocalizedText } => typeof button?.id === 'string')
      .slice(0, 3)
      .map((button) => ({ id: button.id, title: button.title[this.language] }));
  }

  private endFlow(): void {
    // A flow that ended (done, cancelled, failed) leaves no draft; other flows' drafts stay.
    if (this.session.flowId) this.dropDraft(this.session.flowId);
    this.session = { answers: {}, retries: 0, history: [], ...pick(this.session, 'suspended') };
  }
}

/** `{ [key]: object[key] }` when it is set, `{}` otherwise: for spreading optional fields. */
function pick<T extends object, K extends keyof T>(object: T, key: K): Partial<Pick<T, K>> {
  return object[key] === undefined ? {} : ({ [key]: object[key] } as Partial<Pick<T, K>>);
}

const KEYWORD_INDEXES = new WeakMap<FlowSet, ReadonlyMap<string, string>>();

/**
 * Each flow's trigger keywords, normalized once per flow set (not per message): normalized keyword → the first
 * flow, in load order, that lists it.
 */
function keywordIndex(flows: FlowSet): ReadonlyMap<string, string> {
  let index = KEYWORD_INDEXES.get(flows);
  if (!index) {
    const built = new Map<string, string>();
    for (const flow of flows.flows.values()) {
      for (const keyword of flow.triggers.keywords) {
        const key = normalizeText(keyword);
        if (!built.has(key)) built.set(key, flow.flow);
      }
    }
    index = built;
    KEYWORD_INDEXES.set(flows, index);
  }
  return index;
}
