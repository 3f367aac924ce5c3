/**
 * Free text to catalog entries (products, tehsils) in Hindi, Hinglish and English: a seller's list of products
 * ("sela chawal, soya DOC aur wheat") or the products a longer message mentions ("mujhe 50 ton sela chawal chahiye").
 * Entries come in as ids and their terms, so this module does not depend on the catalog's types.
 *
 * Words are compared by their cross-script key (match-key.ts), so "sela chaval" and "सेला चावल" are the same
 * words. Within a text the longest known term wins ("steam rice" is not "rice"), and a general word next to an
 * entry's own words belongs to that entry ("white sela rice", "1121 basmati sela").
 */
import { matchKeyWords, wordKey } from './match-key.js';
import { normalizeText, tokenize } from './normalize.js';
import { POLITE_FILLERS } from './phrases.js';
import {
  commonLetters,
  fuzzySimilarity,
  letterCounts,
  pickUnambiguous,
  type ScoredCandidate,
  similarityBound,
} from './similarity.js';

export interface TermEntry {
  id: string;
  /** Every name of the entry, in any script. */
  terms: readonly string[];
}

export type TermMatchHow = 'exact' | 'phrase' | 'fuzzy';

export interface TermMatch {
  id: string;
  /** The part of the text that named the entry, as the user wrote it (trimmed). */
  part: string;
  /** `exact`: the whole part is a term; `phrase`: a term is inside it; `fuzzy`: a near spelling of a term is. */
  how: TermMatchHow;
  /** 1 for exact and phrase matches; the weakest word similarity for fuzzy ones. */
  score: number;
}

export interface TermListMatch {
  /** One match per entry, in the order the user named them. */
  matches: TermMatch[];
  /** Parts that named no entry, or more than one, as the user wrote them (trimmed), without repeats. */
  unknown: string[];
}

export interface TermMention {
  id: string;
  /** The words that named the entry, normalized (lower case, ASCII digits). */
  text: string;
  how: Exclude<TermMatchHow, 'exact'>;
  score: number;
}

export interface TermMatcher {
  /** The entries a list names, one per part: parts are split at commas, new lines, "and"/"aur"/"और", list numbers. */
  matchList(text: string): TermListMatch;
  /** The one entry the whole text names, or undefined when it names none or several. */
  matchOne(text: string): TermMatch | undefined;
  /** Every entry a longer text mentions, each once, in order of first mention. */
  findAll(text: string): TermMention[];
}

/**
 * Keys are already spelling-blind (w/v, ee/i, doubled letters, schwa), so fuzzy matching is only for true typos
 * ("parboild", "chawl", "musturd"): Jaro-Winkler ≥ 0.94 keeps one dropped or swapped letter in a word of five or
 * more, and rejects a different word sharing most letters ("price"/"rice" scores 0.93). The margin refuses a word
 * that is as near to two entries' terms.
 */
export const FUZZY_RULE = { threshold: 0.94, margin: 0.02 };

/**
 * Jaro-Winkler flatters short words, and in a sentence a four-letter word is often a common word one letter away
 * from a name ("band"/"banda", "rahi"/"rahli", "rice"/"price"): such words must match exactly (after folding).
 */
export const MIN_FUZZY_WORD_LENGTH = 5;

/** Words that never name an entry in a list: courtesy words and "etc.". A part made only of them is ignored. */
const LIST_FILLERS: ReadonlySet<string> = new Set(
  [...POLITE_FILLERS, ...'etc etcetera aadi adi आदि vagaira vagairah वगैरह वगैरा bhi भी also'.split(' ')]
    .map(wordKey)
    .filter((key) => key !== ''),
);

/**
 * Words that join the words of one name and may be left out or put in: "arhar ki dal" is "arhar dal", "sarson
 * khali" is "sarson ki khali".
 */
const LINKING_WORDS: ReadonlySet<string> = new Set(['ka', 'ki', 'ke', 'of', 'का', 'की', 'के'].map(wordKey));

// "1. sela 2. gehu", "(1) sela", "१) सेला": a number of one or two digits closed by "." or ")" starts an item;
// "1121 sela" and "2.5 ton" do not.
const LIST_NUMBER = /(?:^|\s)\(?[0-9\u0966-\u096F]{1,2}\s*[.)](?![0-9\u0966-\u096F])/gu;
const PUNCTUATION_SEPARATOR = /[,;\n/&+|،、]+/u;
const LIST_SEPARATOR = new RegExp(
  `${PUNCTUATION_SEPARATOR.source}|\\s+(?:and|aur|or|ya|evam|tatha|और|एवं|तथा|या|व)\\s+`,
  'iu',
);
const EDGE_PUNCTUATION = /^[\s\-–—•*·.।:!?]+|[\s\-–—•*·.।:!?]+$/gu;

export function createTermMatcher(entries: readonly TermEntry[]): TermMatcher {
  const index = buildIndex(entries);

  function matchPart(part: string): TermMatch | undefined {
    const words = toWords(part).filter(({ key }) => !LIST_FILLERS.has(key));
    if (words.length === 0) return undefined;
    const whole = index.lookup(words.map(({ key }) => key));
    if (whole) return { id: whole.id, part, how: 'exact', score: 1 };
    const ids = new Set<string>();
    const found = scan(words, index);
    for (const mention of found) ids.add(mention.id);
    const [id] = ids;
    if (id === undefined || ids.size > 1) return undefined;
    const fuzzy = found.filter((mention) => mention.how === 'fuzzy');
    if (fuzzy.length === 0) return { id, part, how: 'phrase', score: 1 };
    return { id, part, how: 'fuzzy', score: Math.min(...fuzzy.map((mention) => mention.score)) };
  }

  return {
    matchList(text) {
      const matches: TermMatch[] = [];
      const unknown: string[] = [];
      for (const part of splitList(text)) {
        if (toWords(part).every(({ key }) => LIST_FILLERS.has(key))) continue;
        const match = matchPart(part);
        if (match === undefined) {
          if (!unknown.includes(part)) unknown.push(part);
        } else if (!matches.some(({ id }) => id === match.id)) matches.push(match);
      }
      return { matches, unknown };
    },

    matchOne(text) {
      const part = text.normalize('NFC').replace(EDGE_PUNCTUATION, '');
      return part === '' ? undefined : matchPart(part);
    },

    findAll(text) {
      const mentions: TermMention[] = [];
      for (const segment of text.normalize('NFC').split(PUNCTUATION_SEPARATOR)) {
        const words = toWords(segment);
        for (const { id, start, end, how, score } of scan(words, index)) {
          if (mentions.some((mention) => mention.id === id)) continue;
          const matched = words.slice(start, end).map(({ token }) => token);
          mentions.push({ id, text: matched.join(' '), how, score });
        }
      }
      return mentions;
    },
  };
}

/** The parts of a list, as typed, trimmed of bullets and end punctuation, without empty ones. */
function splitList(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(LIST_NUMBER, '\n')
    .split(LIST_SEPARATOR)
    .map((part) => part.replace(EDGE_PUNCTUATION, ''))
    .filter((part) => part !== '');
}

/** A word of the text: as normalized (for showing back) and as its match key. */
interface Word {
  token: string;
  key: string;
}

// Transliterating a Hindi word is the dearest step of reading a message, and chat repeats its words.
const memoWordKey = memoize(wordKey);

function toWords(text: string): Word[] {
  return tokenize(normalizeText(text))
    .map((token) => ({ token, key: memoWordKey(token) }))
    .filter(({ key }) => key !== '');
}

/** One term of one entry, as word keys. */
interface Term {
  id: string;
  words: readonly string[];
  /** Its place in the entries as given, which settles ties between equally near terms. */
  order: number;
}

interface TermIndex {
  /** The term whose words (or whose words run together) are exactly these; undefined for none or an ambiguous key. */
  lookup(words: readonly string[]): Term | undefined;
  /**
   * Terms of this many words whose first word is near (`nearWords`) the given first word, in entry order: the only
   * terms a window starting with that word can fuzzily match.
   */
  fuzzyCandidates(firstWord: string, length: number): readonly Term[];
  /** The words of any term a typed word is near enough to, with their similarity (1 for the word itself). */
  nearWords(word: string): ReadonlyMap<string, number>;
  /** Every word key of every term of the entry. */
  vocabulary(id: string): ReadonlySet<string>;
  /** The most words a term has. */
  longest: number;
}

function buildIndex(entries: readonly TermEntry[]): TermIndex {
  const byKey = new Map<string, Term | null>();
  let termCount = 0;
  let longest = 0;
  const byFirstWord = new Map<string, Term[]>();
  const vocabularies = new Map<string, Set<string>>();
  for (const { id, terms } of entries) {
    const vocabulary = vocabularies.get(id) ?? new Set<string>();
    vocabularies.set(id, vocabulary);
    for (const text of terms) {
      const words = matchKeyWords(text);
      if (words.length === 0) continue;
      const term: Term = { id, words, order: termCount++ };
      for (const word of words) vocabulary.add(word);
      longest = Math.max(longest, words.length);
      const sameFirst = byFirstWord.get(words[0]!) ?? [];
      sameFirst.push(term);
      byFirstWord.set(words[0]!, sameFirst);
      for (const key of lookupKeys(words)) {
        const existing = byKey.get(key);
        // A key two entries share names neither (the catalog loader rejects such terms; run-together forms remain).
        byKey.set(key, existing === undefined || existing?.id === id ? term : null);
      }
    }
  }
  const longestKey = Math.max(0, ...[...byKey.keys()].map((key) => key.length));
  // Every key of some words begins with their first word, or with their first word that is not a linking word: when
  // neither begins any key, the words name nothing, whatever follows them.
  const keyPrefixes = new Set([...byKey.keys()].flatMap((key) => [...key].map((_, at) => key.slice(0, at + 1))));
  const startsSomeKey = (words: readonly string[]) =>
    keyPrefixes.has(words[0] ?? '') || keyPrefixes.has(words.find((word) => !LINKING_WORDS.has(word)) ?? '');
  const termWords = [...new Set([...vocabularies.values()].flatMap((vocabulary) => [...vocabulary]))].map(
    (word): TermWord => ({ word, letters: letterCounts(word) }),
  );
  const nearWords = memoize((word: string) => findNearWords(word, termWords));
  return {
    lookup: (words) => {
      // Most windows of a sentence are longer than any key even in their shortest form (run together, without
      // linking words): those are not looked up.
      if (!startsSomeKey(words) || shortestKeyLength(words) > longestKey) return undefined;
      for (const key of lookupKeys(words)) {
        const term = byKey.get(key);
        if (term !== undefined) return term ?? undefined;
      }
      return undefined;
    },
    fuzzyCandidates: (firstWord, length) => {
      const candidates: Term[] = [];
      for (const near of nearWords(firstWord).keys()) {
        for (const term of byFirstWord.get(near) ?? []) if (term.words.length === length) candidates.push(term);
      }
      return candidates.sort((a, b) => a.order - b.order);
    },
    nearWords,
    vocabulary: (id) => vocabularies.get(id) ?? new Set(),
    longest,
  };
}

/**
 * The keys words are indexed and looked up by: as they are, run together ("soya bean" is also typed "soyabean"),
 * and both again without linking words.
 */
function lookupKeys(words: readonly string[]): string[] {
  const linked = words.filter((word) => !LINKING_WORDS.has(word));
  const forms = linked.length > 0 && linked.length < words.length ? [words, linked] : [words];
  return [...new Set(forms.flatMap((form) => [form.join(' '), form.join('')]))];
}

/** The length of the shortest of `lookupKeys(words)`: the words without linking words, run together. */
function shortestKeyLength(words: readonly string[]): number {
  let length = 0;
  let linked = 0;
  for (const word of words) {
    if (LINKING_WORDS.has(word)) continue;
    length += word.length;
    linked++;
  }
  // Only linking words: the key is the words as they are.
  return linked === 0 ? words.reduce((sum, word) => sum + word.length, 0) : length;
}

interface Mention {
  id: string;
  /** Word positions in the scanned text, end exclusive. */
  start: number;
  end: number;
  /** The words of the term that matched. */
  termWords: readonly string[];
  how: 'phrase' | 'fuzzy';
  score: number;
}

/**
 * The entries the words mention: known terms first, longest first from each position; then near spellings in the
 * words no term covered; then neighbours are merged when one's term is made of the other entry's words.
 */
function scan(words: readonly Word[], index: TermIndex): Mention[] {
  const keys = words.map(({ key }) => key);
  const phrases = findPhrases(keys, index);
  const fuzzy = uncoveredRuns(keys.length, phrases).flatMap(([start, end]) => findFuzzy(keys, start, end, index));
  const mentions = [...phrases, ...fuzzy].sort((a, b) => a.start - b.start);
  return mergeNeighbours(mentions, keys, index);
}

// A term may be typed in more words than it has ("soya bean" for "soyabean"), found by running them together.
const MAX_EXTRA_WORDS = 2;

function findPhrases(keys: readonly string[], index: TermIndex): Mention[] {
  const mentions: Mention[] = [];
  for (let start = 0; start < keys.length; ) {
    const mention = longestAt(start, keys, index.longest + MAX_EXTRA_WORDS, (window) => {
      // "sarso khali ka rate": the mention is "sarso khali", not "sarso khali ka".
      if (LINKING_WORDS.has(window[0]!) || LINKING_WORDS.has(window.at(-1)!)) return undefined;
      const term = index.lookup(window);
      return term && { term, score: 1 };
    });
    if (mention) mentions.push({ ...mention, how: 'phrase' });
    start = mention ? mention.end : start + 1;
  }
  return mentions;
}

function findFuzzy(keys: readonly string[], from: number, to: number, index: TermIndex): Mention[] {
  const run = keys.slice(0, to);
  const mentions: Mention[] = [];
  for (let start = from; start < to; ) {
    const mention = longestAt(start, run, index.longest, (window) => nearestTerm(window, index));
    if (mention) mentions.push({ ...mention, how: 'fuzzy' });
    start = mention ? mention.end : start + 1;
  }
  return mentions;
}

function longestAt(
  start: number,
  keys: readonly string[],
  maxWindow: number,
  match: (window: readonly string[]) => { term: Term; score: number } | undefined,
): Omit<Mention, 'how'> | undefined {
  for (let end = Math.min(keys.length, start + maxWindow); end > start; end--) {
    const found = match(keys.slice(start, end));
    if (found) return { id: found.term.id, start, end, termWords: found.term.words, score: found.score };
  }
  return undefined;
}

/** The term whose words are each a near spelling of the window's words, if one entry's term is clearly nearest. */
function nearestTerm(window: readonly string[], index: TermIndex): { term: Term; score: number } | undefined {
  // Terms below the threshold can never be picked, so only the others are kept (most windows keep none).
  const scored: { term: Term; score: number }[] = [];
  for (const term of index.fuzzyCandidates(window[0]!, window.length)) {
    const score = wordsSimilarity(window, term.words, index);
    if (score >= FUZZY_RULE.threshold) scored.push({ term, score });
  }
  if (scored.length === 0) return undefined;
  const candidates: ScoredCandidate[] = scored.map(({ term, score }) => ({ id: term.id, score }));
  const best = pickUnambiguous(candidates, FUZZY_RULE);
  return best && scored.find(({ term, score }) => term.id === best.id && score === best.score);
}

/**
 * The weakest of the word-by-word similarities. Short words and numbers (a grade or a code: "1121", "48") must be
 * exact.
 */
function wordsSimilarity(typed: readonly string[], term: readonly string[], index: TermIndex): number {
  let weakest = 1;
  for (let at = 0; at < typed.length; at++) {
    weakest = Math.min(weakest, index.nearWords(typed[at]!).get(term[at] ?? '') ?? 0);
    if (weakest < FUZZY_RULE.threshold) return 0;
  }
  return weakest;
}

/** A word of the terms, with its letters counted once for `findNearWords`. */
interface TermWord {
  word: string;
  letters: ReadonlyMap<string, number>;
}

/** The term words at or above the fuzzy threshold from a typed word, with their scores. */
function findNearWords(word: string, termWords: readonly TermWord[]): ReadonlyMap<string, number> {
  const near = new Map<string, number>();
  const letters = letterCounts(word);
  for (const other of termWords) {
    const score = wordSimilarity(word, letters, other);
    if (score >= FUZZY_RULE.threshold) near.set(other.word, score);
  }
  return near;
}

function wordSimilarity(word: string, letters: ReadonlyMap<string, number>, other: TermWord): number {
  if (word === other.word) return 1;
  // Words whose lengths or letters alone keep them below the threshold are not scored: most pairs in a sentence.
  const [length, otherLength] = [word.length, other.word.length];
  if (similarityBound(length, otherLength) < FUZZY_RULE.threshold) return 0;
  if (!isFuzzyComparable(word) || !isFuzzyComparable(other.word)) return 0;
  const common = commonLetters(other.letters, letters);
  if (similarityBound(length, otherLength, common) < FUZZY_RULE.threshold) return 0;
  return fuzzySimilarity(word, other.word);
}

// Chat reuses few words, so answers about a word (its key, the term words near it) are kept, up to a cap that bounds
// what a stream of unique words can take (when full, the memo starts again).
const MEMO_LIMIT = 20_000;

function memoize<Value>(compute: (word: string) => Value): (word: string) => Value {
  const memo = new Map<string, Value>();
  return (word) => {
    const known = memo.get(word);
    if (known !== undefined) return known;
    const value = compute(word);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, value);
    return value;
  };
}

const DIGIT = /\d/;

function isFuzzyComparable(word: string): boolean {
  return word.length >= MIN_FUZZY_WORD_LENGTH && !DIGIT.test(word);
}

function uncoveredRuns(length: number, mentions: readonly Mention[]): [number, number][] {
  const runs: [number, number][] = [];
  let from = 0;
  for (const { start, end } of [...mentions, { start: length, end: length }]) {
    if (start > from) runs.push([from, start]);
    from = end;
  }
  return runs;
}

/**
 * "white sela rice": "rice" (a term of plain rice) is one of parboiled rice's words ("sela rice"), so it belongs to
 * the mention before it. "1121 basmati sela": "1121" and "basmati" are parboiled rice's words ("1121 sela",
 * "basmati sela"), so the mention of basmati joins the one after it. Neighbours may be linked by "ki"/"of"
 * ("arhar ki dal").
 */
function mergeNeighbours(mentions: readonly Mention[], keys: readonly string[], index: TermIndex): Mention[] {
  const merged: Mention[] = [];
  for (const mention of mentions) {
    const previous = merged.at(-1);
    if (previous === undefined || !keys.slice(previous.end, mention.start).every((key) => LINKING_WORDS.has(key))) {
      merged.push(mention);
      continue;
    }
    const joined = { start: previous.start, end: mention.end, score: Math.min(previous.score, mention.score) };
    const how = previous.how === 'fuzzy' || mention.how === 'fuzzy' ? 'fuzzy' : 'phrase';
    if (belongsTo(mention, previous.id, index)) merged[merged.length - 1] = { ...previous, ...joined, how };
    else if (belongsTo(previous, mention.id, index)) merged[merged.length - 1] = { ...mention, ...joined, how };
    else merged.push(mention);
  }
  return merged;
}

function belongsTo(mention: Mention, id: string, index: TermIndex): boolean {
  const vocabulary = index.vocabulary(id);
  return mention.id === id || mention.termWords.every((word) => vocabulary.has(word));
}
