/**
 * Answers from the FAQ knowledge base (flows/faq.flow.yaml): the closest entry, if the index is confident enough,
 * in the reader's language with its source and up to three related questions as buttons; otherwise nothing, and
 * the flow hands the question to an officer.
 */
import { defineAction, type LocalizedText } from '../conversation/actions/action.js';
import type { FaqEntry, KnowledgeBase } from '../domain/faq/knowledge-base.js';
import { textInput, withInputs } from './inputs.js';
import type { ActionServices } from './services.js';

/** The prefix of a related question's button (`faq:<entry id>`): it starts the faq flow on that entry. */
export const FAQ_BUTTON_PREFIX = 'faq';

/**
 * Below this confidence (the best entry's share of the softmax of the cosines, see nlu/faq-index.ts) the bot does
 * not answer: it says it does not know yet and opens a ticket. The rule that chose it: the lowest of 0.30, 0.35, …
 * at which wrong answers stay within 3% (the goal for confident wrong answers) when each of the entries' own
 * phrasings is asked with itself left out, together with the intent classifier's "other" examples, which no entry
 * answers. Never chosen on the labelled evaluation set; `npm run faq:eval` prints both.
 */
export const FAQ_CONFIDENCE_THRESHOLD = 0.65;
/** A question must also share something real with the entry: a cosine at least this. */
export const FAQ_MIN_SIMILARITY = 0.15;

/** Whether the bot answers with `match`. */
export function confident(match: { confidence: number; similarity: number } | undefined): boolean {
  return match !== undefined && match.confidence >= FAQ_CONFIDENCE_THRESHOLD && match.similarity >= FAQ_MIN_SIMILARITY;
}

const SOURCE: LocalizedText = { hi: 'स्रोत', en: 'Source' };
const REVIEWED: LocalizedText = { hi: 'समीक्षा', en: 'reviewed' };

/** The answer as sent: the text, then where it comes from and when it was last reviewed. */
export function answerText(entry: FaqEntry): LocalizedText {
  return {
    hi: `${entry.answer.hi}\n\n${SOURCE.hi}: ${entry.source.hi} (${REVIEWED.hi} ${entry.reviewed})`,
    en: `${entry.answer.en}\n\n${SOURCE.en}: ${entry.source.en} (${REVIEWED.en} ${entry.reviewed})`,
  };
}

/** Up to three related questions, titled by their first phrasing in each language. */
function relatedButtons(entry: FaqEntry, knowledgeBase: KnowledgeBase) {
  return entry.related
    .map((id) => knowledgeBase.byId(id))
    .filter((related): related is FaqEntry => related !== undefined)
    .slice(0, 3)
    .map((related) => ({
      id: `${FAQ_BUTTON_PREFIX}:${related.id}`,
      title: { hi: related.questions.hi[0] as string, en: related.questions.en[0] as string },
    }));
}

function answered(entry: FaqEntry, knowledgeBase: KnowledgeBase, confidence: number) {
  return {
    found: true,
    id: entry.id,
    topic: entry.topic,
    confidence,
    answer: answerText(entry),
    related: relatedButtons(entry, knowledgeBase),
  };
}

/**
 * Finds the answer to a question, or to a related question's button. with: text, choice (optional, a
 * `faq:<id>` button). Output: { found, id, topic, confidence, answer, related }.
 */
export const answerQuestion = defineAction<ActionServices>({
  name: 'answer_question',
  description: 'Answers from the FAQ knowledge base. with: text, choice?. Output: { found, answer, related }',
  create: (services) => async (inputs) => {
    const { knowledgeBase, index } = await services.faq.current();
    const choice = typeof inputs.choice === 'string' ? inputs.choice : '';
    if (choice.startsWith(`${FAQ_BUTTON_PREFIX}:`)) {
      const entry = knowledgeBase.byId(choice.slice(FAQ_BUTTON_PREFIX.length + 1));
      if (entry) return { ok: true, output: answered(entry, knowledgeBase, 1) };
    }
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const [best] = index.rank(read.value, 1);
    const entry = best && confident(best) ? knowledgeBase.byId(best.id) : undefined;
    if (!entry || !best) return { ok: true, output: { found: false } };
    return { ok: true, output: answered(entry, knowledgeBase, best.confidence) };
  },
});
