/**
 * The intent classifier's training examples: each flow's `triggers.examples`, labelled with the flow's first
 * intent, and `other.examples.yaml` beside the flows for what the bot does not do (chit-chat, cricket, weather).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { IntentExample } from '../nlu/intent.js';
import type { FlowSet } from './flow-loader.js';

export const OTHER_EXAMPLES_FILE = 'other.examples.yaml';

const OtherExamplesSchema = z
  .object({ specVersion: z.literal(1), intent: z.literal('other'), examples: z.array(z.string().min(1)).min(1) })
  .strict();

export function intentExamples(flows: FlowSet, dir: string): IntentExample[] {
  const fromFlows = [...flows.flows.values()].flatMap((flow) => {
    const intent = flow.triggers.intents[0];
    return intent ? flow.triggers.examples.map((text) => ({ intent, text }) as IntentExample) : [];
  });
  return [...fromFlows, ...otherExamples(join(dir, OTHER_EXAMPLES_FILE))];
}

function otherExamples(path: string): IntentExample[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    return []; // flow sets without one (test fixtures) simply have no `other` examples
  }
  const parsed = OtherExamplesSchema.safeParse(parse(source));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new AppError('INTENT_EXAMPLES_INVALID', `${path}: ${problem?.path.join('.') ?? ''}: ${problem?.message}`, {
      path,
    });
  }
  return parsed.data.examples.map((text) => ({ intent: 'other', text }));
}
