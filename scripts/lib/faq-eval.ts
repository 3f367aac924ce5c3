/**
 * Measuring the FAQ answers: on the labelled questions of test/fixtures/faq/questions.jsonl (never used to build
 * the index), and by leave-one-out on the entries' own phrasings (how the threshold was chosen).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KnowledgeBase } from '../../src/domain/faq/knowledge-base.js';
import { FAQ_MIN_SIMILARITY } from '../../src/actions/faq-actions.js';
import { buildFaqIndex, type FaqIndex, type FaqMatch, type FaqPhrasings } from '../../src/nlu/faq-index.js';

export const LANGUAGES = ['hi', 'hinglish', 'en'] as const;
export type EvalLanguage = (typeof LANGUAGES)[number];

export interface LabelledQuestion {
  text: string;
  lang: EvalLanguage;
  /** The entry that answers it; null when the knowledge base cannot (it must go to an officer). */
  expected: string | null;
}

export const QUESTIONS_FILE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'faq', 'questions.jsonl');

export function readLabelled(file = QUESTIONS_FILE): LabelledQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

export interface Tally {
  right: number;
  total: number;
}

export interface FaqReport {
  /** Answerable questions whose best-ranked entry is the right one (threshold aside). */
  top1: Tally;
  top1ByTopic: Record<string, Tally>;
  top1ByLang: Record<string, Tally>;
  /** Questions the bot would answer with a wrong entry, of all questions. */
  confidentWrong: Tally;
  /** Unanswerable questions handed to an officer. */
  unanswerableHandedOff: Tally;
  /** All questions handed to an officer. */
  handedOff: Tally;
  /** Answerable questions answered, and right. */
  answeredRight: Tally;
  mistakes: { text: string; expected: string | null; got: string | null; confidence: number }[];
}

const tally = (): Tally => ({ right: 0, total: 0 });
const add = (record: Record<string, Tally>, key: string, right: boolean) => {
  record[key] ??= tally();
  (record[key] as Tally).total += 1;
  if (right) (record[key] as Tally).right += 1;
};

export function evaluateFaq(
  index: FaqIndex,
  kb: KnowledgeBase,
  questions: readonly LabelledQuestion[],
  threshold: number,
): FaqReport {
  const report: FaqReport = {
    top1: tally(),
    top1ByTopic: {},
    top1ByLang: {},
    confidentWrong: tally(),
    unanswerableHandedOff: tally(),
    handedOff: tally(),
    answeredRight: tally(),
    mistakes: [],
  };
  for (const question of questions) {
    const [best] = index.rank(question.text, 1);
    const answered = best !== undefined && best.confidence >= threshold && best.similarity >= FAQ_MIN_SIMILARITY;
    const got = answered ? best.id : null;
    report.handedOff.total += 1;
    if (!answered) report.handedOff.right += 1;
    report.confidentWrong.total += 1;
    if (answered && got !== question.expected) report.confidentWrong.right += 1;
    if (question.expected === null) {
      report.unanswerableHandedOff.total += 1;
      if (!answered) report.unanswerableHandedOff.right += 1;
    } else {
      const right = best?.id === question.expected;
      report.top1.total += 1;
      if (right) report.top1.right += 1;
      add(report.top1ByTopic, kb.byId(question.expected)?.topic ?? '?', right);
      add(report.top1ByLang, question.lang, right);
      report.answeredRight.total += 1;
      if (answered && right) report.answeredRight.right += 1;
    }
    if (got !== question.expected) {
      report.mistakes.push({
        text: question.text,
        expected: question.expected,
        got,
        confidence: best?.confidence ?? 0,
      });
    }
  }
  return report;
}

/** Each entry's phrasings, one left out at a time, against an index of the rest; and other messages. */
export function leaveOneOut(
  kb: KnowledgeBase,
  others: readonly string[],
): { text: string; expected: string | null; best: FaqMatch | undefined }[] {
  const entries: FaqPhrasings[] = kb.entries.map((entry) => ({
    id: entry.id,
    questions: [...entry.questions.en, ...entry.questions.hi, ...entry.questions.hinglish],
    answers: [entry.answer.en, entry.answer.hi],
  }));
  const results: { text: string; expected: string | null; best: FaqMatch | undefined }[] = [];
  entries.forEach((entry, e) => {
    entry.questions.forEach((text, q) => {
      // Only the phrasing is left out: the entry keeps its answers, as it does when the bot answers.
      const rest = entries.map((each, i) =>
        i === e ? { ...each, questions: each.questions.filter((_, j) => j !== q) } : each,
      );
      results.push({ text, expected: entry.id, best: buildFaqIndex(rest).rank(text, 1)[0] });
    });
  });
  const full = buildFaqIndex(entries);
  for (const text of others) results.push({ text, expected: null, best: full.rank(text, 1)[0] });
  return results;
}

/** The "other" intent's examples (chit-chat, cricket, weather): questions no FAQ answers. */
export function otherExamples(flowsDir: string): string[] {
  return (parse(readFileSync(join(flowsDir, 'other.examples.yaml'), 'utf8')) as { examples: string[] }).examples;
}

export const percent = (tally: Tally) =>
  tally.total === 0 ? '-' : `${((100 * tally.right) / tally.total).toFixed(1)}%`;
