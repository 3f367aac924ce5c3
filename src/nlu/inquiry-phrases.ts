/**
 * Phrase tables for reading inside an inquiry: units, currencies, incoterms, places, months. A table is written as
 * readable text, cut and normalized like messages (`inquiryTokens`), and indexed by its first word, so that a scan
 * costs one map lookup per token however long the table.
 */
import { normalizeText } from './normalize.js';
import { inquiryTokens } from './inquiry-text.js';
import { phrasesOf } from './phrases.js';

export interface PhraseMatch<Meaning> {
  meaning: Meaning;
  /** Where the phrase starts in the tokens. */
  start: number;
  /** The index of the first token after the phrase. */
  end: number;
}

export interface PhraseIndex<Meaning> {
  /** The longest phrase that starts at `tokens[start]`. */
  matchAt(tokens: readonly string[], start: number): PhraseMatch<Meaning> | undefined;
  /** Every phrase in the tokens, in order, without overlaps (the longest wins where two start at one token). */
  findAll(tokens: readonly string[]): PhraseMatch<Meaning>[];
}

interface Phrase<Meaning> {
  words: readonly string[];
  meaning: Meaning;
}

/**
 * Indexes `[meaning, "phrase | phrase | ..."]` rows. A phrase listed under two meanings is a mistake in the table
 * (it would otherwise be resolved by row order), so it throws at module load.
 */
export function buildPhraseIndex<Meaning>(rows: Iterable<readonly [Meaning, string]>): PhraseIndex<Meaning> {
  const byFirstWord = new Map<string, Phrase<Meaning>[]>();
  const meaningByKey = new Map<string, Meaning>();
  for (const [meaning, list] of rows) {
    for (const phrase of phrasesOf(list)) {
      const words = inquiryTokens(phrase);
      const [first] = words;
      // A phrase that lost a sign or a word to tokenizing would match more than it says ("20 '" is "20").
      if (first === undefined || words.join('') !== normalizeText(phrase).replace(/[\s-]+/g, '')) {
        throw new Error(`phrase table: "${phrase}" is not read as written (${words.join(' ')})`);
      }
      const key = words.join(' ');
      if (meaningByKey.has(key)) {
        const listed = meaningByKey.get(key);
        if (listed !== meaning) throw new Error(`phrase table: "${phrase}" means both ${listed} and ${meaning}`);
        continue;
      }
      meaningByKey.set(key, meaning);
      const phrases = byFirstWord.get(first) ?? [];
      phrases.push({ words, meaning });
      byFirstWord.set(first, phrases);
    }
  }
  for (const phrases of byFirstWord.values()) phrases.sort((a, b) => b.words.length - a.words.length);

  function matchAt(tokens: readonly string[], start: number): PhraseMatch<Meaning> | undefined {
    const candidates = byFirstWord.get(tokens[start] ?? '');
    if (candidates === undefined) return undefined;
    for (const { words, meaning } of candidates) {
      if (words.every((word, offset) => tokens[start + offset] === word)) {
        return { meaning, start, end: start + words.length };
      }
    }
    return undefined;
  }

  return {
    matchAt,
    findAll(tokens) {
      const found: PhraseMatch<Meaning>[] = [];
      for (let start = 0; start < tokens.length; ) {
        const match = matchAt(tokens, start);
        if (match) found.push(match);
        start = match ? match.end : start + 1;
      }
      return found;
    },
  };
}

/** The rows of a `{ meaning: "phrase | phrase" }` record, for tables keyed by a string meaning. */
export function rowsOf<Meaning extends string>(table: Readonly<Record<Meaning, string>>): [Meaning, string][] {
  return Object.entries(table) as [Meaning, string][];
}

/** A set of single words and phrases, normalized like messages; `matchAt` gives where the phrase ends. */
export function buildPhraseSet(list: string): PhraseIndex<true> {
  return buildPhraseIndex([[true, list]]);
}
