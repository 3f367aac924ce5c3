/**
 * Checks the flow files, both layers (schema, then graph rules across all flows), with the same function the bot
 * runs at start-up: `npx tsx scripts/flows-validate.ts [dir]`, `flows/` by default. Prints `ok: N flows`, or one
 * line per problem and exits 1.
 */
import { join, relative } from 'node:path';
import { PRODUCT_ACTIONS } from '../src/actions/product-actions.js';
import { loadReferenceData } from '../src/actions/services.js';
import { actionNames } from '../src/conversation/actions/registry.js';
import { loadBotFlows } from '../src/conversation/bot-flows.js';
import { FlowValidationError } from '../src/conversation/flow-loader.js';
import { formatFlowProblem } from '../src/conversation/flow-validation.js';
import { AppError } from '../src/errors.js';
import { PROJECT_ROOT } from './lib/paths.js';

// Relative to the working directory, so that problem lines read `flows/seller.flow.yaml:12: ...`.
const dir = process.argv[2] ?? (relative(process.cwd(), join(PROJECT_ROOT, 'flows')) || '.');

try {
  const { flows } = loadBotFlows(dir, actionNames(PRODUCT_ACTIONS));
  // The catalog and tehsils beside the flows, checked as start-up checks them (CatalogValidationError is an AppError).
  const { catalog, tehsils } = loadReferenceData(dir);
  console.log(
    `ok: ${flows.size} ${flows.size === 1 ? 'flow' : 'flows'}, ${catalog.products.length} products, ${tehsils.tehsils.length} tehsils`,
  );
} catch (error) {
  if (error instanceof FlowValidationError) {
    for (const problem of error.problems) console.log(formatFlowProblem(problem));
  } else if (error instanceof AppError) {
    console.log(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
