/**
 * An action is a named TypeScript function a flow calls (`type: action`). It gets its inputs (already rendered
 * from the flow's `with:`) and the turn's context, and returns what should change; it does not send messages.
 */
import type { TurnEvent, TurnInput, UserChanges, UserView } from '../turn.js';

export type ActionInputs = Readonly<Record<string, string | number | boolean>>;

export interface ActionContext {
  user: UserView;
  input: TurnInput;
  now: Date;
}

export type ActionResult =
  | { ok: true; output?: Record<string, unknown>; userChanges?: UserChanges; events?: TurnEvent[] }
  | { ok: false; reason: string };

export interface Action {
  name: string;
  /** One line for flow authors: what it does and what it needs in `with:`. */
  description: string;
  run(inputs: ActionInputs, context: ActionContext): Promise<ActionResult> | ActionResult;
}
