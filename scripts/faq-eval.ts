/**
 * `npm run faq:eval`: how well the bot answers from the FAQ knowledge base. On the labelled questions
 * (test/fixtures/faq/questions.jsonl, never used to build the index): top-1 accuracy by topic and language on the
 * answerable ones, the hand-off rate, the share of confident wrong answers, and the unanswerable ones handed off.
 * Then the threshold: leave-one-out on the entries' own phrasings, with the intent classifier's "other" examples
 * as questions no entry answers; that, not the labelled set, is what the threshold was chosen on.
 */
import { join } from 'node:path';
import { FAQ_CONFIDENCE_THRESHOLD, FAQ_MIN_SIMILARITY } from '../src/actions/faq-actions.js';
import { loadReferenceData } from '../src/actions/services.js';
import { buildEntryIndex } from '../src/nlu/faq-index.js';
import { evaluateFaq, LANGUAGES, leaveOneOut, otherExamples, percent, readLabelled } from './lib/faq-eval.js';

const FLOWS = join(import.meta.dirname, '..', 'flows');
const reference = loadReferenceData(FLOWS);
const faqIndex = buildEntryIndex(reference.knowledgeBase.entries);
const kb = reference.knowledgeBase;
const questions = readLabelled();
const report = evaluateFaq(faqIndex, kb, questions, FAQ_CONFIDENCE_THRESHOLD);
const cell = (t: { right: number; total: number } | undefined) => (t ? `${percent(t)} (${t.right}/${t.total})` : '-');

console.log(
  `FAQ evaluation: ${kb.entries.length} entries, ${questions.length} labelled questions, threshold ${FAQ_CONFIDENCE_THRESHOLD}`,
);
console.log('');
console.log('| measure | value | goal |');
console.log('|---|---|---|');
console.log(`| top-1 on answerable questions | ${cell(report.top1)} | ≥ 90% |`);
console.log(`| answered and right, of answerable | ${cell(report.answeredRight)} | — |`);
console.log(`| confident wrong answers, of all questions | ${cell(report.confidentWrong)} | ≤ 3% |`);
console.log(`| unanswerable questions handed off | ${cell(report.unanswerableHandedOff)} | ≥ 90% |`);
console.log(`| hand-off rate, of all questions | ${cell(report.handedOff)} | — |`);
console.log('');
console.log(`| top-1 by language | ${LANGUAGES.join(' | ')} |`);
console.log(`|---|${LANGUAGES.map(() => '---').join('|')}|`);
console.log(`| | ${LANGUAGES.map((lang) => cell(report.top1ByLang[lang])).join(' | ')} |`);
console.log('');
console.log('| top-1 by topic | |');
console.log('|---|---|');
for (const [topic, tally] of Object.entries(report.top1ByTopic).sort()) console.log(`| ${topic} | ${cell(tally)} |`);

console.log(
  '\nThreshold, leave-one-out on the phrasings (answered right / answered wrong / no-answer questions answered):',
);
const loo = leaveOneOut(kb, otherExamples(FLOWS));
let chosen: number | undefined;
for (const threshold of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
  const answered = loo.filter(
    (result) => result.best && result.best.confidence >= threshold && result.best.similarity >= FAQ_MIN_SIMILARITY,
  );
  const right = answered.filter((result) => result.best?.id === result.expected).length;
  const wrong = answered.filter((result) => result.expected !== null && result.best?.id !== result.expected).length;
  const strays = answered.filter((result) => result.expected === null).length;
  const answerable = loo.filter((result) => result.expected !== null).length;
  const none = loo.length - answerable;
  const wrongShare = (wrong + strays) / loo.length;
  // The rule: the lowest threshold with wrong answers within 3% of all the questions asked.
  if (chosen === undefined && wrongShare <= 0.03) chosen = threshold;
  console.log(
    `  ${threshold.toFixed(2)}${threshold === FAQ_CONFIDENCE_THRESHOLD ? ' (used)' : ''}: ${right}/${answerable} right, ${wrong} wrong, ${strays}/${none} strays (${(100 * wrongShare).toFixed(1)}% wrong)`,
  );
}
console.log(`  the rule (wrong within 3%) picks ${chosen?.toFixed(2) ?? 'none of these'}`);

if (process.argv.includes('--mistakes')) {
  console.log('\nMistakes on the labelled set:');
  for (const mistake of report.mistakes) {
    console.log(
      `  ${mistake.expected ?? '(none)'} ← ${mistake.got ?? '(handed off)'} ${mistake.confidence.toFixed(2)}  ${mistake.text}`,
    );
  }
}
