/**
 * Answers from the FAQ knowledge base (flows/faq.flow.yaml): the closest entry, if the index is confident enough,
 * in the reader's language with its source and up to three related questions as buttons; otherwise nothing, and
 * the flow hands the question to an officer.
 */
import { defineAction, type LocalizedText } from '../conversation/actions/action.js';
import type { FaqEntry, KnowledgeBase } from '../domain/faq/knowledge-base.js';
import { upcomingEventsText } from './event-texts.js';
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
export const FAQ_CONFIDENCE_THRESHOLD = 0.6;
/** A question must also share something real with the entry: a cosine at least this. */
export const FAQ_MIN_SIMILARITY = 0.15;

/** Whether the bot answers with `match`. */
export function confident(match: { confidence: number; similarity: number } | undefined): boolean {
  return match !== undefined && match.confidence >= FAQ_CONFIDENCE_THRESHOLD && match.similarity >= FAQ_MIN_SIMILARITY;
}

const SOURCE: LocalizedText = { hi: 'स्रोत', en: 'Source' };
const REVIEWED: LocalizedText = { hi: 'समीक्षा', en: 'reviewed' };

/**
 * The answer as sent: the text, the dates officers entered when the entry is about programme events, then where
 * it comes from and when it was last reviewed.
 */
export function answerText(entry: FaqEntry, events?: LocalizedText): LocalizedText {
  const text = (language: 'hi' | 'en') =>
    [
      entry.answer[language],
      ...(events ? [events[language]] : []),
      `${SOURCE[language]}: ${entry.source[language]} (${REVIEWED[language]} ${entry.reviewed})`,
    ].join('\n\n');
  return { hi: text('hi'), en: text('en') };
}

/** How many answers back a related question's button remembers, so "more" does not lead back to them. */
const TRAIL_LENGTH = 5;

/**
 * Up to three related questions, titled by their first phrasing in each language, those not yet answered in this
 * run of "more" first. A button's id is `faq:<entry>|<answered ids>`: the trail travels with the tap.
 */
function relatedButtons(entry: FaqEntry, knowledgeBase: KnowledgeBase, trail: readonly string[]) {
  const seen = [entry.id, ...trail].slice(0, TRAIL_LENGTH);
  const related = entry.related
    .map((id) => knowledgeBase.byId(id))
    .filter((related): related is FaqEntry => related !== undefined && related.id !== entry.id);
  const unseenFirst = [...related.filter((r) => !seen.includes(r.id)), ...related.filter((r) => seen.includes(r.id))];
  return unseenFirst.slice(0, 3).map((related) => ({
    id: `${FAQ_BUTTON_PREFIX}:${related.id}|${seen.join(',')}`,
    title: { hi: related.questions.hi[0] as string, en: related.questions.en[0] as string },
  }));
}

/** The entry and trail a related question's button names (`faq:<entry>|<trail>`), if it is one. */
function buttonChoice(choice: string): { id: string; trail: string[] } | undefined {
  if (!choice.startsWith(`${FAQ_BUTTON_PREFIX}:`)) return undefined;
  const [id = '', trail = ''] = choice.slice(FAQ_BUTTON_PREFIX.length + 1).split('|');
  return { id, trail: trail.split(',').filter((seen) => seen !== '') };
}

/** An entry's answer as the action's output; an entry about events lists the upcoming ones officers entered. */
async function answered(
  services: ActionServices,
  entry: FaqEntry,
  knowledgeBase: KnowledgeBase,
  found: { confidence: number; now: Date; trail?: readonly string[] },
) {
  const events = entry.events ? upcomingEventsText(await services.events.upcoming(found.now, entry.events)) : undefined;
  return {
    found: true,
    id: entry.id,
    topic: entry.topic,
    confidence: found.confidence,
    answer: answerText(entry, events),
    related: relatedButtons(entry, knowledgeBase, found.trail ?? []),
  };
}

/**
 * Finds the answer to a question, or to a related question's button. with: text, choice (optional, a
 * `faq:<id>` button). Output: { found, id, topic, confidence, answer, related }.
 */
export const answerQuestion = defineAction<ActionServices>({
  name: 'answer_question',
  description: 'Answers from the FAQ knowledge base. with: text, choice?. Output: { found, answer, related }',
  create: (services) => async (inputs, context) => {
    const { knowledgeBase, index } = await services.faq.current();
    const button = buttonChoice(typeof inputs.choice === 'string' ? inputs.choice : '');
    const chosen = button && knowledgeBase.byId(button.id);
    if (button && chosen) {
      const output = await answered(services, chosen, knowledgeBase, {
        confidence: 1,
        now: context.now,
        trail: button.trail,
      });
      return { ok: true, output };
    }
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const [best] = index.rank(read.value, 1);
    const entry = best && confident(best) ? knowledgeBase.byId(best.id) : undefined;
    if (!entry || !best) return { ok: true, output: { found: false } };
    return {
      ok: true,
      output: await answered(services, entry, knowledgeBase, { confidence: best.confidence, now: context.now }),
    };
  },
});
