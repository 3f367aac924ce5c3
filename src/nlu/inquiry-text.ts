/**
 * A buyer's message cut once into the tokens every inquiry reader scans. Unlike `tokenize`, the signs that carry
 * meaning in a trade inquiry are kept as tokens of their own: currency signs (₹ $ € £ ¥), "/" of "$450/MT", "&" of
 * "C&F", "+" of "C+F", "x"/"×"/"*" of "2 x 20ft", "@" of "@ $450", "%" of "48% protein", the range dash of "500-600"
 * and the foot mark of "20' container".
 */
import { normalizeText, toAsciiDigits, WORD_AND_NUMBER_PATTERN } from './normalize.js';

export interface InquiryText {
  /** The whole message in matching form (`normalizeText`). */
  readonly normalized: string;
  /** Words, numbers and meaningful signs, normalized: lower case, ASCII digits, nukta and chandrabindu folded. */
  readonly tokens: readonly string[];
  /** The same tokens with their capitals as typed, for the few words whose capitals matter ("FAS" is not "fas"). */
  readonly typed: readonly string[];
}

// A dash is a range only between two numbers ("500-600 MT"); elsewhere it joins words ("ex-mill") and is dropped.
const RANGE_DASH = '(?<=[0-9]\\s*)[-–—](?=\\s*[0-9])';
// "20'" and "40′" are container sizes in feet.
const FOOT_MARK = "(?<=[0-9])['’′]";
const SIGNS = '[₹$€£¥/&+×*@%]';
const INQUIRY_TOKEN = new RegExp(`${WORD_AND_NUMBER_PATTERN}|${SIGNS}|${RANGE_DASH}|${FOOT_MARK}`, 'gu');
const INVISIBLE_CHARS = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** The tokens between the two figures of a range ("500-600", "450 to 470"). */
export const RANGE_WORDS: ReadonlySet<string> = new Set(['-', '–', '—', 'to']);

/** The normalized tokens of a text; inquiry tables are written as text and cut by this too. */
export function inquiryTokens(text: string): string[] {
  return normalizeText(text).match(INQUIRY_TOKEN) ?? [];
}

/** Cuts a message once, for all the readers of one inquiry. */
export function inquiryText(message: string): InquiryText {
  const normalized = normalizeText(message);
  const tokens = normalized.match(INQUIRY_TOKEN) ?? [];
  const typed = toAsciiDigits(message.normalize('NFC').replace(INVISIBLE_CHARS, '')).match(INQUIRY_TOKEN) ?? [];
  // Lower-casing never splits or joins tokens in practice; should some script make it so, capitals are not worth a
  // misaligned list.
  return { normalized, tokens, typed: typed.length === tokens.length ? typed : tokens };
}

/** Readers accept a message or a message already cut, so that the extractor cuts it only once. */
export function asInquiryText(input: string | InquiryText): InquiryText {
  return typeof input === 'string' ? inquiryText(input) : input;
}
