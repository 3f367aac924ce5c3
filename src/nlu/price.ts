/**
 * The price a buyer names: an amount with its currency, and the unit it is per ("₹3200/qtl", "$450 PMT",
 * "3200 रुपये प्रति क्विंटल", "32 rs kilo"). A number is a price only next to a currency: "rate 3200/qtl" without
 * one could be rupees or dollars, and guessing a currency is worse than asking.
 */
import { buildPhraseIndex, buildPhraseSet, type PhraseMatch, rowsOf } from './inquiry-phrases.js';
import { asInquiryText, type InquiryText, RANGE_WORDS } from './inquiry-text.js';
import { type InquiryUnit, readUnit } from './inquiry-unit.js';
import { readNumber } from './number.js';

export interface Price {
  amount: number;
  /** ISO 4217. */
  currency: string;
  /** The unit the amount is for; null when the buyer did not say. */
  per: InquiryUnit | null;
}

export interface PriceReading extends Price {
  /** The tokens the price covers, from its amount or currency to its unit: none of them is a quantity. */
  start: number;
  end: number;
}

// The currencies of the district's buyers. "riyal" alone is the Saudi riyal, the largest market that says it;
// Qatar's and Oman's are named with their country.
const CURRENCIES = buildPhraseIndex(
  rowsOf({
    INR: `₹ | rs | inr | rupee | rupees | rupaye | rupaya | rupay | rupye | rupiya | rupaiya | rupaiye | रुपये | रुपए |
      रुपया | रुपयों | रूपये | रूपए | रु`,
    USD: '$ | us $ | usd | dollar | dollars | doller | dollers | डॉलर | डालर',
    AED: 'aed | dirham | dirhams | dhs | दिरहम',
    EUR: '€ | eur | euro | euros | यूरो',
    GBP: '£ | gbp | pound | pounds | pound sterling | pounds sterling | sterling | पाउंड | पौंड | पाउंड्स',
    JPY: '¥ | jpy | yen | जापानी येन',
    SAR: 'sar | riyal | riyals | saudi riyal | saudi riyals | sr | रियाल | सऊदी रियाल',
    QAR: 'qar | qatari riyal | qatari riyals | qatar riyal | क़तरी रियाल',
    OMR: 'omr | omani rial | omani riyal | omani rials | ओमानी रियाल',
  }),
);

// Codes that are also words: "sar" is how many type "sir" ("sar 50 ton chahiye"), "sr" is "senior" or "sir". As a
// currency they must be written in capitals ("SAR 1800").
const CAPITALS_ONLY: ReadonlySet<string> = new Set(['sar', 'sr']);

// Words between a price and its unit: "/MT", "per ton", "प्रति क्विंटल", "पर टन", "32 rs ka kilo", "Rs 3200/- per
// qtl".
const PER_MARKERS = buildPhraseSet(
  '/ | per | prati | प्रति | par | पर | a | an | ka | ki | ke | का | की | के | each | har | हर',
);
const MAX_PER_MARKERS = 2;
// "PMT" is "per metric tonne" in one word, in either script.
const PER_UNIT_WORDS = buildPhraseIndex<InquiryUnit>([['MT', 'pmt | p m t | pmts | पीएमटी | पी एम टी']]);
// "$5 each": each one, that is, each piece (unless a unit follows: "$2000 each container").
const EACH = buildPhraseSet('each | apiece | per piece | har ek | हर एक | pratyek | प्रत्येक');

/** The first price the message names, or null. */
export function readPrice(input: string | InquiryText): Price | null {
  const text = asInquiryText(input);
  for (let start = 0; start < text.tokens.length; start++) {
    const price = readPriceAt(text, start);
    if (price) return { amount: price.amount, currency: price.currency, per: price.per };
  }
  return null;
}

/** A price that starts at token `start`: currency then amount ("Rs 3200", "USD/MT 450") or amount then currency. */
export function readPriceAt(text: InquiryText, start: number): PriceReading | undefined {
  const { tokens } = text;
  const currency = currencyAt(text, start);
  if (currency) {
    const unitFirst = readPerUnit(tokens, currency.end);
    const amount = readAmount(tokens, unitFirst?.end ?? currency.end);
    if (!amount) return undefined;
    const per = unitFirst ?? readPerUnit(tokens, amount.end);
    return finish(tokens, start, currency.meaning, amount.value, per ?? { unit: null, end: amount.end });
  }
  const amount = readAmount(tokens, start);
  const after = amount && currencyAt(text, amount.end);
  if (!amount || !after) return undefined;
  const per = readPerUnit(tokens, after.end) ?? { unit: null, end: after.end };
  return finish(tokens, start, after.meaning, amount.value, per);
}

function currencyAt(text: InquiryText, start: number): PhraseMatch<string> | undefined {
  const match = CURRENCIES.matchAt(text.tokens, start);
  if (!match || !CAPITALS_ONLY.has(text.tokens[start]!)) return match;
  return text.typed[start] === text.tokens[start]!.toUpperCase() ? match : undefined;
}

function finish(
  tokens: readonly string[],
  start: number,
  currency: string,
  amount: number,
  per: { unit: InquiryUnit | null; end: number },
): PriceReading {
  // "per MT $450": the unit may come first.
  const unit = per.unit ?? unitBefore(tokens, start);
  return { amount, currency, per: unit, start, end: per.end };
}

/** An amount, spelled or in digits (next to a currency a spelled number is not a verb), and any range after it. */
function readAmount(tokens: readonly string[], start: number): { value: number; end: number } | undefined {
  const number = readNumber(tokens, start);
  if (!number) return undefined;
  // "$450-470", "450 to 470 dollar": the first figure of a range is the price.
  const upper = RANGE_WORDS.has(tokens[number.end] ?? '') ? readNumber(tokens, number.end + 1) : undefined;
  return { value: number.value, end: upper ? upper.end : number.end };
}

/** The unit a price is per, after up to two linking words; "each" alone is per piece. */
function readPerUnit(tokens: readonly string[], start: number): { unit: InquiryUnit; end: number } | undefined {
  const perWord = PER_UNIT_WORDS.matchAt(tokens, start);
  if (perWord) return { unit: perWord.meaning, end: perWord.end };
  let at = start;
  for (let markers = 0; markers <= MAX_PER_MARKERS; markers++) {
    const unit = readUnit(tokens, at);
    if (unit) return { unit: unit.unit, end: unit.end };
    const marker = PER_MARKERS.matchAt(tokens, at);
    if (!marker) break;
    at = marker.end;
  }
  const each = EACH.matchAt(tokens, start);
  return each && { unit: 'piece', end: each.end };
}

/** "per ton $450", "प्रति क्विंटल 3200 रुपये": a marker and a unit that end where the price starts. */
function unitBefore(tokens: readonly string[], start: number): InquiryUnit | null {
  for (let at = Math.max(0, start - 4); at < start; at++) {
    const marker = PER_MARKERS.matchAt(tokens, at);
    const unit = marker && readUnit(tokens, marker.end);
    if (unit?.end === start) return unit.unit;
  }
  return null;
}
