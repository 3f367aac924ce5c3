/**
 * Accuracy of the understander on the labelled sets under test/fixtures/nlu/ (never used for training): intents
 * per language with their confusion, and each inquiry field per language. Used by `npm run nlu:eval` (prints it)
 * and by test/nlu/nlu-goals.test.ts (holds the goals).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedInquiry } from '../../src/nlu/inquiry.js';
import { type IntentExample, trainIntentClassifier } from '../../src/nlu/intent.js';
import type { Understander, Writing } from '../../src/nlu/understand.js';
import { PROJECT_ROOT } from './paths.js';

/** The day the labelled messages are taken to be sent (their relative dates were labelled from it). */
export const LABEL_DAY = new Date('2026-11-30T12:00:00+05:30');

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'nlu');

export interface IntentCase {
  text: string;
  lang: Writing;
  intent: string;
}

export interface InquiryCase {
  text: string;
  lang: Writing;
  product: { id: string; category: string } | null;
  quantity: { value: number; unit: string; kg: number | null } | null;
  destination: string | null;
  incoterm: string | null;
  price: { amount: number; currency: string; per: string | null } | null;
  deliveryBy: string | null;
}

function readJsonLines<T>(name: string): T[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export const intentCases = () => readJsonLines<IntentCase>('intents.jsonl');
export const inquiryCases = () => readJsonLines<InquiryCase>('inquiries.jsonl');

export const INQUIRY_FIELDS = [
  'category',
  'product',
  'quantity',
  'destination',
  'incoterm',
  'price',
  'deliveryBy',
] as const;
export type InquiryField = (typeof INQUIRY_FIELDS)[number];

/** Whether the extracted field equals the label; a quantity is right when its kg is (or, for counts, value and unit). */
export function fieldRight(field: InquiryField, want: InquiryCase, got: ExtractedInquiry): boolean {
  switch (field) {
    case 'category':
      return (want.product?.category ?? null) === (got.product?.category ?? null);
    case 'product':
      return (want.product?.id ?? null) === (got.product?.id ?? null);
    case 'quantity': {
      if (!want.quantity || !got.quantity) return want.quantity === got.quantity;
      if (want.quantity.kg !== null)
        return got.quantity.kg !== null && Math.abs(got.quantity.kg - want.quantity.kg) < 0.5;
      return (
        got.quantity.kg === null &&
        got.quantity.unit === want.quantity.unit &&
        got.quantity.value === want.quantity.value
      );
    }
    case 'destination':
      return want.destination === (got.destination?.country ?? null);
    case 'incoterm':
      return want.incoterm === got.incoterm;
    case 'price':
      if (!want.price || !got.price) return want.price === got.price;
      return (
        want.price.amount === got.price.amount &&
        want.price.currency === got.price.currency &&
        want.price.per === got.price.per
      );
    case 'deliveryBy':
      return want.deliveryBy === got.deliveryBy;
  }
}

export interface Tally {
  right: number;
  total: number;
}

const share = ({ right, total }: Tally) => (total === 0 ? 1 : right / total);

export interface EvalReport {
  intents: {
    overall: Tally;
    byLang: Record<string, Tally>;
    /** want → got → count, for the mistakes. */
    confusion: Record<string, Record<string, number>>;
    mistakes: { text: string; want: string; got: string; confidence: number }[];
    /** Ordinary messages (not whole-message commands) read as stop or start: must be 0. */
    falseOptOuts: string[];
    /** Confidence bins: how sure the classifier was, and how often it was right there. */
    calibration: { from: number; to: number; count: number; accuracy: number; meanConfidence: number }[];
  };
  inquiries: {
    byField: Record<InquiryField, Tally & { byLang: Record<string, Tally> }>;
    /** Inquiries whose intent was read as post_inquiry. */
    asInquiry: Tally;
    mistakes: { text: string; field: InquiryField; want: unknown; got: unknown }[];
  };
}

function tally(map: Record<string, Tally>, key: string, right: boolean): void {
  const entry = map[key] ?? { right: 0, total: 0 };
  map[key] = entry;
  entry.total += 1;
  if (right) entry.right += 1;
}

export function evaluate(understander: Understander): EvalReport {
  const intentCasesList = intentCases();
  const byLang: Record<string, Tally> = {};
  const confusion: Record<string, Record<string, number>> = {};
  const mistakes: EvalReport['intents']['mistakes'] = [];
  const falseOptOuts: string[] = [];
  const bins = Array.from({ length: 5 }, (_, i) => ({
    from: 0.5 + i * 0.1,
    to: 0.6 + i * 0.1,
    count: 0,
    right: 0,
    sum: 0,
  }));
  let right = 0;
  for (const item of intentCasesList) {
    const got = understander.understand(item.text, LABEL_DAY);
    const ok = got.intent === item.intent;
    if (ok) right += 1;
    tally(byLang, item.lang, ok);
    if (!ok) {
      const row = confusion[item.intent] ?? {};
      confusion[item.intent] = row;
      row[got.intent] = (row[got.intent] ?? 0) + 1;
      mistakes.push({ text: item.text, want: item.intent, got: got.intent, confidence: got.confidence });
    }
    if ((got.intent === 'stop' || got.intent === 'start') && item.intent !== got.intent) falseOptOuts.push(item.text);
    const bin = bins.find((candidate) => got.confidence >= candidate.from && got.confidence < candidate.to + 1e-9);
    if (bin) {
      bin.count += 1;
      bin.sum += got.confidence;
      if (ok) bin.right += 1;
    }
  }

  const byField = Object.fromEntries(
    INQUIRY_FIELDS.map((field) => [field, { right: 0, total: 0, byLang: {} as Record<string, Tally> }]),
  ) as EvalReport['inquiries']['byField'];
  const inquiryMistakes: EvalReport['inquiries']['mistakes'] = [];
  const asInquiry: Tally = { right: 0, total: 0 };
  for (const item of inquiryCases()) {
    const got = understander.readInquiry(item.text, LABEL_DAY);
    asInquiry.total += 1;
    if (understander.intentOf(item.text, LABEL_DAY).intent === 'post_inquiry') asInquiry.right += 1;
    for (const field of INQUIRY_FIELDS) {
      const ok = fieldRight(field, item, got);
      const entry = byField[field];
      entry.total += 1;
      if (ok) entry.right += 1;
      tally(entry.byLang, item.lang, ok);
      if (!ok) inquiryMistakes.push({ text: item.text, field, want: wanted(field, item), got: extracted(field, got) });
    }
  }

  return {
    intents: {
      overall: { right, total: intentCasesList.length },
      byLang,
      confusion,
      mistakes,
      falseOptOuts,
      calibration: bins.map(({ from, to, count, right: binRight, sum }) => ({
        from,
        to,
        count,
        accuracy: count === 0 ? 0 : binRight / count,
        meanConfidence: count === 0 ? 0 : sum / count,
      })),
    },
    inquiries: { byField, asInquiry, mistakes: inquiryMistakes },
  };
}

function wanted(field: InquiryField, item: InquiryCase): unknown {
  if (field === 'category') return item.product?.category ?? null;
  if (field === 'product') return item.product?.id ?? null;
  return item[field];
}

function extracted(field: InquiryField, got: ExtractedInquiry): unknown {
  if (field === 'category') return got.product?.category ?? null;
  if (field === 'product') return got.product?.id ?? null;
  if (field === 'destination') return got.destination?.country ?? null;
  return got[field];
}

export const percent = (t: Tally) => `${(share(t) * 100).toFixed(1)}%`;
export { share };

/**
 * k-fold cross-validation of the intent classifier on its own training examples: how the temperature and the floor
 * were chosen (`npm run nlu:eval` prints it), without looking at the held-out set.
 */
export function crossValidate(
  examples: readonly IntentExample[],
  options: { temperature: number; floor: number; folds?: number },
): { accuracy: number; bins: { from: number; count: number; accuracy: number }[] } {
  const folds = options.folds ?? 5;
  const trainable = examples.filter((example) => example.intent !== 'stop' && example.intent !== 'start');
  // A fixed shuffle, so that the figures are the same run to run.
  const shuffled = [...trainable].sort((a, b) => hash(a.text) - hash(b.text));
  let right = 0;
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, count: 0, right: 0 }));
  for (let fold = 0; fold < folds; fold++) {
    const classifier = trainIntentClassifier(
      shuffled.filter((_, i) => i % folds !== fold),
      options,
    );
    for (const example of shuffled.filter((_, i) => i % folds === fold)) {
      const [best] = classifier.rank(example.text);
      const guess = classifier.classify(example.text);
      if (guess.intent === example.intent) right += 1;
      if (!best) continue;
      const bin = bins[Math.min(9, Math.floor(best.confidence * 10))];
      if (bin) {
        bin.count += 1;
        if (best.intent === example.intent) bin.right += 1;
      }
    }
  }
  return {
    accuracy: right / shuffled.length,
    bins: bins.map(({ from, count, right: binRight }) => ({
      from,
      count,
      accuracy: count === 0 ? 0 : binRight / count,
    })),
  };
}

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}
