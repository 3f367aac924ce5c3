/**
 * Whole-message phrase tables: "is this message, and nothing more, one of these phrases?". Both the table and the
 * message go through the same normalization, so a table entry written with nukta, chandrabindu, capitals or
 * punctuation still matches every way of typing it.
 */
import { normalizeText, tokenize } from './normalize.js';

/** Courtesy words that never change what a short command or answer means. */
export const POLITE_FILLERS: ReadonlySet<string> = wordSet([
  'please',
  'pls',
  'plz',
  'plss',
  'plzz',
  'kindly',
  'ji',
  'jee',
  'sir',
  'kripya',
  'kirpya',
  'kripaya',
  'krupya',
  'कृपया',
  'जी',
]);

/** Normalizes each word of a list the way `phraseTokens` normalizes a message. */
export function wordSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((word) => normalizeText(word)));
}

/** `wordSet` of a whitespace-separated list, for long word lists that read better as a paragraph. */
export function wordSetOf(words: string): ReadonlySet<string> {
  return wordSet(words.trim().split(/\s+/));
}

/** The phrases of a '|'-separated list ("stop | stop all | बंद करो"), for tables that read better as text. */
export function phrasesOf(list: string): string[] {
  return list
    .split('|')
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase !== '');
}

/** The normalized words of a message, without punctuation, emoji or the given filler words. */
export function phraseTokens(text: string, fillers: ReadonlySet<string> = new Set()): string[] {
  return tokenize(normalizeText(text)).filter((token) => !fillers.has(token));
}

/** The key a whole message is looked up by: its words, normalized, without fillers, joined by single spaces. */
export function phraseKey(text: string, fillers?: ReadonlySet<string>): string {
  return phraseTokens(text, fillers).join(' ');
}

/**
 * A lookup from phrase key to meaning, built from a readable table of meanings and their '|'-separated phrases.
 * Fillers are removed from the table's phrases as from messages, so a phrase may be written with them.
 */
export function buildPhraseTable<Meaning extends string>(
  phrasesByMeaning: Readonly<Record<Meaning, string>>,
  fillers?: ReadonlySet<string>,
): ReadonlyMap<string, Meaning> {
  const table = new Map<string, Meaning>();
  for (const [meaning, phrases] of Object.entries(phrasesByMeaning) as [Meaning, string][]) {
    for (const phrase of phrasesOf(phrases)) {
      const key = phraseKey(phrase, fillers);
      const existing = table.get(key);
      // A phrase listed under two meanings is a mistake in the table, and would otherwise be resolved by list order.
      if (existing !== undefined && existing !== meaning) {
        throw new Error(`phrase "${phrase}" means both "${existing}" and "${meaning}"`);
      }
      table.set(key, meaning);
    }
  }
  return table;
}
