/**
 * The actions' interface: what a flow's `type: action` step calls, and all that action code may know of the
 * conversation. Implementations live in `src/actions/`; each is created by a factory that receives the services it
 * needs (the domain), so the engine never imports domain code and an action never imports the engine.
 *
 * An action gets typed inputs, not rendered text: a `with:` value that is exactly one `{{variable}}` passes that
 * value as it is stored (a `Quantity` object, a list of choice ids, an ISO country code, a boolean); anything else is
 * rendered to a string. It also gets an idempotency key, unique to the inbound message and the step, so that a turn
 * run again after a crash can recognise its own writes and make none twice.
 */
import type { Language, LocalizedText } from '../flow-schema.js';

export type { Language, LocalizedText, TurnEvent };
/** How a quantity reads in a language ("50 टन", "2 containers"): actions that write texts say it the same way. */
export { formatQuantity } from '../answer-format-units.js';
import type { TurnEvent, TurnInput, UserChanges, UserView } from '../turn.js';

export type ActionInputs = Readonly<Record<string, unknown>>;

export interface ActionContext {
  user: UserView;
  input: TurnInput;
  now: Date;
  /** Where in which flow the action runs. */
  flowId: string;
  stepId: string;
  /** The language the user reads the conversation in. */
  language: Language;
  /** `<channel>:<message id>#<flow>.<step>[#<n>]`: the same on a re-run of this turn, different for any other step. */
  idempotencyKey: string;
  /** The question the user answered in this turn, as they read it, and their words: evidence for consent. */
  answered?: { stepId: string; question: string; words: string };
}

export type ActionResult =
  | { ok: true; output?: unknown; userChanges?: UserChanges; events?: TurnEvent[] }
  | { ok: false; reason: string };

export type ActionRun = (inputs: ActionInputs, context: ActionContext) => Promise<ActionResult> | ActionResult;

/** A bound action, as the engine calls it. */
export interface Action {
  name: string;
  /** One line for flow authors: what it does and what it needs in `with:`. */
  description: string;
  run: ActionRun;
}

/** An action before it is bound to the services it needs; names are known without any service (flow validation). */
export interface ActionDefinition<Services> {
  name: string;
  description: string;
  create(services: Services): ActionRun;
}

export function defineAction<Services>(definition: ActionDefinition<Services>): ActionDefinition<Services> {
  return definition;
}
