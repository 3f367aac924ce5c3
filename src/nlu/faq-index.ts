/**
 * Finding the FAQ entry a question asks for: TF-IDF over Hindi-aware features, one document per entry. An entry's
 * document is its phrasings (English, Hindi, Hinglish) and, at a lower weight (ANSWER_WEIGHT), the words of its
 * answers; a question is compared with each entry by the cosine of their TF-IDF vectors. Inverse document frequency
 * is counted over entries (natural's TfIdf), so a word that many entries share ("credit", "kya", "what") weighs
 * little and one that names the entry ("packing", "phytosanitary") much; no stop-word list is used. The features are
 * our own (natural's tokenizers delete Devanagari): cross-script word keys (match-key.ts) with chat shorthand
 * written out and synonyms folded, one word or several (faq-synonyms.ts); pairs of neighbouring words; and, at
 * GRAM_WEIGHT, the character 4-grams of each word key, so that inflections and Hinglish spellings the keys do not
 * fold ("niryatak"/"niryat", "registation"/"registration", "banwana"/"banana") still meet in part.
 *
 * One document per entry, rather than one per phrasing with the nearest winning, found the right entry for 71-73%
 * of phrasings left out one at a time against 50%; the 4-grams and the phrase synonyms raised it from 84% to 86%
 * (`npm run faq:eval` prints the leave-one-out table).
 *
 * The cosine says how alike a question and an entry are, but not how sure the choice is: entries with many
 * phrasings score low cosines even when they are plainly meant. The confidence is therefore relative: a softmax of
 * the cosines over all entries (SHARPNESS), the share the best entry takes. A question equally close to two entries
 * gets little; one clearly closest to one entry gets much. Left out one at a time, the entries' own phrasings were
 * answered right twice as often at the same rate of wrong answers (`npm run faq:eval` prints the table). The lead
 * of the best entry over the runner-up (1 − second/best) answers more of them still (832 of 1,220 against 614 at the
 * rule's threshold), but also answers questions no entry covers that share one product word with an entry ("GST on
 * stone idols" and the stone-craft GI entry), which the rule cannot see: its no-answer questions are chit-chat.
 * Below the threshold the bot says it does not know yet and asks an officer.
 */
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { foldSynonyms } from './faq-synonyms.js';
import { wordKey } from './match-key.js';
import { normalizeText, tokenize } from './normalize.js';
import { expandShorthand } from './shorthand.js';

export interface FaqPhrasings {
  id: string;
  questions: readonly string[];
  /** The entry's answers (both languages): their words count at ANSWER_WEIGHT. */
  answers?: readonly string[];
}

/**
 * How much an answer's words count beside a phrasing's: the answer names what the entry is about in words the
 * phrasings may not use, but also mentions other things (where to ask, related products).
 */
export const ANSWER_WEIGHT = 0.3;

/**
 * How much a word's character 4-gram counts beside a whole word: enough to join "niryatak" to "niryat", while a
 * word, which is also all of its 4-grams, still counts for more. Of 0.3, 0.5, 0.8, 1 and 1.3, the leave-one-out
 * rule answered the most phrasings right with 0.8.
 */
export const GRAM_WEIGHT = 0.8;
const GRAM_SIZE = 4;
/** Words shorter than this ("ka", "kya", "h") get no 4-grams: they are grammar, not subject. */
const GRAM_MIN_LENGTH = 4;

/** How sharply the softmax of the cosines picks the closest entry (a temperature of 1/20). */
export const SHARPNESS = 20;

export interface FaqMatch {
  id: string;
  /** The share of the softmax of the cosines this entry takes, 0 to 1. */
  confidence: number;
  /** The cosine of the question and the entry, 0 to 1. */
  similarity: number;
}

export interface FaqIndex {
  /** Entries best first (at most `limit`), each with its confidence. */
  rank(question: string, limit?: number): FaqMatch[];
}

/** A text's features by kind, weighted apart. */
interface Features {
  words: string[];
  pairs: string[];
  grams: string[];
}

// Keys of words seen, and features of the knowledge base's own texts: rebuilding the index when an officer adds an
// entry then costs milliseconds. Both bounded: user messages go through `keyOf` too.
const CACHE_LIMIT = 50_000;
const keys = new Map<string, string>();
const documentFeatures = new Map<string, Features>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** The key of a word with its shorthand written out; '' for numbers, which say nothing about the subject. */
function keyOf(word: string): string {
  return remember(keys, word, () => {
    const key = wordKey(word);
    return key === '' || /^\d/.test(key) ? '' : wordKey(expandShorthand(key));
  });
}

function gramsOf(word: string): string[] {
  if (word.startsWith('~') || word.length < GRAM_MIN_LENGTH) return [];
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let at = 0; at + GRAM_SIZE <= padded.length; at++) grams.push(`#${padded.slice(at, at + GRAM_SIZE)}`);
  return grams;
}

/** The features of a text: word keys with synonyms folded, neighbouring pairs, and the words' 4-grams. */
function featuresOf(text: string): Features {
  const keyed = tokenize(normalizeText(text))
    .map(keyOf)
    .filter((key) => key !== '');
  const words = foldSynonyms(keyed);
  return {
    words,
    pairs: words.slice(1).map((word, i) => `${words[i]}+${word}`),
    grams: words.flatMap(gramsOf),
  };
}

/** Every feature with its weight; `scale` is 1 for questions and ANSWER_WEIGHT for answers. */
function weighted(features: Features, scale: number): [string, number][] {
  return [
    ...features.words.map((word): [string, number] => [word, scale]),
    ...features.pairs.map((pair): [string, number] => [pair, scale]),
    ...features.grams.map((gram): [string, number] => [gram, scale * GRAM_WEIGHT]),
  ];
}

type Vector = Map<string, number>;

/** An entry as the knowledge base holds it: phrasings and answers by language. */
export interface FaqEntryText {
  id: string;
  questions: Readonly<Record<string, readonly string[]>>;
  answer: Readonly<Record<string, string>>;
}

/** The index of knowledge-base entries: every phrasing of every language, and the answers at ANSWER_WEIGHT. */
export function buildEntryIndex(entries: readonly FaqEntryText[]): FaqIndex {
  return buildFaqIndex(
    entries.map((entry) => ({
      id: entry.id,
      questions: Object.values(entry.questions).flat(),
      answers: Object.values(entry.answer),
    })),
  );
}

/** An entry's weighted feature counts: its phrasings at 1, its answers at ANSWER_WEIGHT. */
function countsOf(entry: FaqPhrasings): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (texts: readonly string[], scale: number) => {
    for (const text of texts) {
      for (const [feature, weight] of weighted(
        remember(documentFeatures, text, () => featuresOf(text)),
        scale,
      )) {
        counts.set(feature, (counts.get(feature) ?? 0) + weight);
      }
    }
  };
  add(entry.questions, 1);
  add(entry.answers ?? [], ANSWER_WEIGHT);
  return counts;
}

function normalized(vector: Vector): Vector {
  const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
  for (const [feature, value] of vector) vector.set(feature, value / norm);
  return vector;
}

export function buildFaqIndex(entries: readonly FaqPhrasings[]): FaqIndex {
  const tfidf = new TfIdf();
  const documents = entries.map((entry) => {
    const counts = countsOf(entry);
    // natural only needs which features the entry has, for the document frequency: each once.
    tfidf.addDocument([...counts.keys()]);
    return { id: entry.id, counts };
  });
  const idfs = new Map<string, number>();
  for (const { counts } of documents) {
    for (const feature of counts.keys()) if (!idfs.has(feature)) idfs.set(feature, tfidf.idf(feature));
  }
  const vectors = documents.map(({ id, counts }) => {
    const vector: Vector = new Map();
    for (const [feature, count] of counts) vector.set(feature, count * (idfs.get(feature) ?? 0));
    return { id, vector: normalized(vector) };
  });

  return {
    rank(question, limit = 3) {
      const query: Vector = new Map();
      for (const [feature, weight] of weighted(featuresOf(question), 1)) {
        const idf = idfs.get(feature);
        if (idf !== undefined) query.set(feature, (query.get(feature) ?? 0) + weight * idf);
      }
      if (query.size === 0) return [];
      normalized(query);
      const scored = vectors
        .map(({ id, vector }) => {
          let dot = 0;
          for (const [feature, value] of query) dot += value * (vector.get(feature) ?? 0);
          return { id, similarity: dot };
        })
        .sort((a, b) => b.similarity - a.similarity);
      const total = scored.reduce((sum, { similarity }) => sum + Math.exp(SHARPNESS * similarity), 0);
      return scored
        .filter((match) => match.similarity > 0)
        .slice(0, limit)
        .map((match) => ({ ...match, confidence: Math.exp(SHARPNESS * match.similarity) / total }));
    },
  };
}
