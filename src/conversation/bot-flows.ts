/**
 * Loads the bot's flows with the rules that tie them to this code: the registered actions, the user fields
 * templates may read, and the flows the global commands open. Start-up and `scripts/flows-validate.ts` both call it,
 * so a flow that the script accepts is a flow the bot will run.
 */
import { AppError } from '../errors.js';
import { COMMAND_FLOWS, FALLBACK_FLOW, TEMPLATE_CONTEXT_VARIABLES, TEMPLATE_USER_FIELDS } from './engine.js';
import { type FlowSet, loadFlows } from './flow-loader.js';

export function loadBotFlows(dir: string, actionNames: ReadonlySet<string>): FlowSet {
  const flows = loadFlows(dir, {
    knownActions: actionNames,
    userFields: new Set(TEMPLATE_USER_FIELDS),
    contextVariables: new Set(TEMPLATE_CONTEXT_VARIABLES),
  });
  const required = new Set([...Object.values(COMMAND_FLOWS), FALLBACK_FLOW]);
  const missing = [...required].filter((flowId) => !flows.flows.has(flowId));
  if (missing.length > 0) {
    throw new AppError(
      'FLOW_MISSING',
      `${dir}: the global commands need flows that are not defined: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
  return flows;
}
