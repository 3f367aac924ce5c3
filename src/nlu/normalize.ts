/**
 * Text normalization shared by every matcher in `nlu/`: one canonical form for Hindi (Devanagari), Hinglish and
 * English, so that a phrase table written once matches what people actually type on their phones.
 */

export type Script = 'devanagari' | 'latin' | 'mixed' | 'none';

const DEVANAGARI_ZERO = 0x0966;

// ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen. ZWNJ/ZWJ only choose how a Devanagari conjunct is drawn (half form or
// full form); Hindi keyboards insert them inconsistently, so they must not make two spellings of one word differ.
const INVISIBLE_CHARS = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// Nukta (क़ ज़ फ़ ड़ …) is written or omitted at will ("हज़ार" and "हजार"); three nukta letters (ऩ ऱ ऴ) are
// precomposed even in NFC, which is why nukta is removed on the decomposed form.
const NUKTA = /\u093C/g;

// Chandrabindu and anusvara are used interchangeably in everyday typing ("हाँ" and "हां").
const CHANDRABINDU = /\u0901/g;

const DEVANAGARI_DIGITS = /[\u0966-\u096F]/g;

/** Replaces Devanagari digits (०-९) by ASCII digits (0-9); everything else is kept as it is. */
export function toAsciiDigits(text: string): string {
  return text.replace(DEVANAGARI_DIGITS, (digit) => String(digit.charCodeAt(0) - DEVANAGARI_ZERO));
}

/**
 * The matching form of a message: NFC, invisible characters removed, nukta removed and chandrabindu folded to
 * anusvara, ASCII digits, lower case, single spaces, trimmed. Punctuation is kept: `tokenize` drops it.
 * Meant for comparing and parsing, never for showing back to the user.
 */
export function normalizeText(text: string): string {
  const folded = text.normalize('NFD').replace(NUKTA, '').normalize('NFC');
  return toAsciiDigits(folded.replace(INVISIBLE_CHARS, '').replace(CHANDRABINDU, '\u0902'))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const DIGIT = '[0-9\\u0966-\\u096F]';
// Grouped numbers (Western "12,345,678", Indian "1,20,000") stay one token; "1,3" and "1,2345" do not, because a
// list of choices is written that way too.
const GROUPED_NUMBER = `${DIGIT}{1,3}(?:(?:,${DIGIT}{3})+|(?:,${DIGIT}{2})+,${DIGIT}{3})(?!${DIGIT})(?:\\.${DIGIT}+)?`;
const PLAIN_NUMBER = `${DIGIT}+(?:\\.${DIGIT}+)?`;
// Devanagari digits and punctuation (॰) are Script=Devanagari too: they must not glue onto a word.
const DEVANAGARI_WORD = '(?:(?![\\p{Nd}\\p{P}])[\\p{Script=Devanagari}\\p{M}])+';
const LATIN_WORD = '\\p{Script=Latin}[\\p{Script=Latin}\\p{M}]*';
/**
 * The token patterns (regular expression sources, for the 'u' flag), for tokenizers that keep more than words and
 * numbers (the inquiry reader keeps currency signs and slashes) but must cut words and numbers exactly like this one.
 */
export const WORD_AND_NUMBER_PATTERN = `${GROUPED_NUMBER}|${PLAIN_NUMBER}|${DEVANAGARI_WORD}|${LATIN_WORD}`;
const TOKEN = new RegExp(WORD_AND_NUMBER_PATTERN, 'gu');

/**
 * Splits text into words (Devanagari with its matras, virama and anusvara; Latin) and numbers (either digit set,
 * with a decimal point or thousands separators). Punctuation, emoji and symbols are dropped. Case and digits are
 * kept as written: call `normalizeText` first to get matching keys.
 */
export function tokenize(text: string): string[] {
  const clean = text.normalize('NFC').replace(INVISIBLE_CHARS, '');
  return Array.from(clean.matchAll(TOKEN), (match) => match[0]);
}

const DEVANAGARI_LETTER = /(?![\p{Nd}\p{P}])\p{Script=Devanagari}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Which script the letters of a message are in; digits, punctuation and emoji do not count. */
export function detectScript(text: string): Script {
  const hasDevanagari = DEVANAGARI_LETTER.test(text);
  const hasLatin = LATIN_LETTER.test(text);
  if (hasDevanagari && hasLatin) return 'mixed';
  if (hasDevanagari) return 'devanagari';
  if (hasLatin) return 'latin';
  return 'none';
}

/** True when a token is written in Devanagari letters (not digits). */
export function isDevanagariWord(token: string): boolean {
  return DEVANAGARI_LETTER.test(token);
}
