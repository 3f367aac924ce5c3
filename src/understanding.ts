/**
 * Part of the composition root: the understander built from the flows (their intent examples) and the inquiry
 * extractor of the reference readers. The runtime, the `nlu` tool, its evaluation and its benchmark all build
 * it here, so they measure what the bot runs.
 */
import { join } from 'node:path';
import { PRODUCT_ACTIONS } from './actions/product-actions.js';
import {
  createReferenceReaders,
  loadReferenceData,
  type ReferenceData,
  type ReferenceReaders,
} from './actions/services.js';
import { actionNames } from './conversation/actions/registry.js';
import { loadBotFlows } from './conversation/bot-flows.js';
import type { FlowSet } from './conversation/flow-loader.js';
import { intentExamples } from './conversation/intent-examples.js';
import type { ExtractedInquiry } from './nlu/inquiry.js';
import { type Intent, type IntentExample, trainIntentClassifier } from './nlu/intent.js';
import { phraseKey } from './nlu/phrases.js';
import { createUnderstander, inquirySignals, type Understander } from './nlu/understand.js';

const PROJECT_FLOWS = join(import.meta.dirname, '..', 'flows');

/** A fixed day for the training examples' signals: a date in an example must not change what it teaches. */
const TRAINING_DAY = new Date('2026-01-01T00:00:00+05:30');

/** `extractInquiry` is the reference readers' (actions/services.ts), so the catalog is matched by one matcher. */
export function buildUnderstander(
  flows: FlowSet,
  flowsDir: string,
  extractInquiry: (text: string, now: Date) => ExtractedInquiry,
): Understander {
  const examples: IntentExample[] = intentExamples(flows, flowsDir);
  const classifier = trainIntentClassifier(examples, {
    signalsOf: (text) => inquirySignals(extractInquiry(text, TRAINING_DAY)),
  });
  return createUnderstander({ classifier, extract: extractInquiry, keywords: keywordIntents(flows) });
}

/** Each flow's whole-message keywords, by phrase key, with the flow's intent (as the engine's triggers read them). */
function keywordIntents(flows: FlowSet): Map<string, Intent> {
  const keywords = new Map<string, Intent>();
  for (const flow of flows.flows.values()) {
    const intent = flow.triggers.intents[0] as Intent | undefined;
    if (!intent) continue;
    for (const keyword of flow.triggers.keywords) keywords.set(phraseKey(keyword), intent);
  }
  return keywords;
}

/** The intent classifier's training examples of the flows in `flowsDir`. */
export function trainingExamples(flowsDir = PROJECT_FLOWS): IntentExample[] {
  return intentExamples(loadBotFlows(flowsDir, actionNames(PRODUCT_ACTIONS)), flowsDir);
}

/** The understander of the flows in `flowsDir` (the project's `flows/` by default), for the scripts. */
export function loadUnderstander(flowsDir = PROJECT_FLOWS): Understander {
  return loadUnderstanding(flowsDir).understander;
}

/** The understander with the reference data and readers it was built on (the FAQ index among them). */
export function loadUnderstanding(flowsDir = PROJECT_FLOWS): {
  understander: Understander;
  reference: ReferenceData;
  readers: ReferenceReaders;
} {
  const flows = loadBotFlows(flowsDir, actionNames(PRODUCT_ACTIONS));
  const reference = loadReferenceData(flowsDir);
  const readers = createReferenceReaders(reference);
  return { understander: buildUnderstander(flows, flowsDir, readers.extractInquiry), reference, readers };
}
