/**
 * Finding the FAQ entry a question asks for: TF-IDF over Hindi-aware features, one document per entry. An entry's
 * document is its phrasings (English, Hindi, Hinglish) and, at a lower weight (ANSWER_WEIGHT), the words of its
 * answers; a question is compared with each entry by the cosine of their TF-IDF vectors. Inverse document frequency
 * is counted over entries (natural's TfIdf), so a word that many entries share ("credit", "kya", "what") weighs
 * little and one that names the entry ("packing", "phytosanitary") much; no stop-word list is used. The features are
 * our own (natural's tokenizers delete Devanagari): cross-script word keys (match-key.ts) with chat shorthand
 * written out and synonyms folded (faq-synonyms.ts), and pairs of neighbouring words.
 *
 * One document per entry, rather than one per phrasing with the nearest winning, found the right entry for 71-73%
 * of phrasings left out one at a time against 50% (`npm run faq:eval` prints the leave-one-out table).
 *
 * The cosine says how alike a question and an entry are, but not how sure the choice is: entries with many
 * phrasings score low cosines even when they are plainly meant. The confidence is therefore relative: a softmax of
 * the cosines over all entries (SHARPNESS), the share the best entry takes. A question equally close to two entries
 * gets little; one clearly closest to one entry gets much. Left out one at a time, the entries' own phrasings were
 * answered right twice as often at the same rate of wrong answers (`npm run faq:eval` prints the table). Below the
 * threshold the bot says it does not know yet and asks an officer.
 */
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { synonymOf } from './faq-synonyms.js';
import { matchKeyWords, wordKey } from './match-key.js';
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

export interface FaqMatch {
  id: string;
  /** The share of the softmax of the cosines this entry takes, 0 to 1. */
  confidence: number;
  /** The cosine of the question and the entry, 0 to 1. */
  similarity: number;
}

/** How sharply the softmax of the cosines picks the closest entry (a temperature of 1/20). */
export const SHARPNESS = 20;

export interface FaqIndex {
  /** Entries best first (at most `limit`), each with its confidence. */
  rank(question: string, limit?: number): FaqMatch[];
}

/** The features of a text: word keys (numbers left out), synonyms folded, and neighbouring pairs. */
export function faqFeatures(text: string): string[] {
  const words = matchKeyWords(text)
    .filter((word) => !/^\d/.test(word))
    .map((word) => synonymOf(wordKey(expandShorthand(word))))
    .filter((word) => word !== '');
  const pairs = words.slice(1).map((word, i) => `${words[i]}+${word}`);
  return [...words, ...pairs];
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

export function buildFaqIndex(entries: readonly FaqPhrasings[]): FaqIndex {
  const documents = entries.map((entry) => ({
    id: entry.id,
    questions: entry.questions.flatMap(faqFeatures),
    answers: (entry.answers ?? []).flatMap(faqFeatures),
  }));
  const tfidf = new TfIdf();
  for (const document of documents) tfidf.addDocument([...document.questions, ...document.answers]);
  const known = new Set(documents.flatMap((document) => [...document.questions, ...document.answers]));
  const idfs = new Map<string, number>();
  const idf = (feature: string) => {
    let value = idfs.get(feature);
    if (value === undefined) {
      value = tfidf.idf(feature);
      idfs.set(feature, value);
    }
    return value;
  };
  const addTo = (vector: Vector, features: readonly string[], weight: number): Vector => {
    for (const feature of features) {
      if (known.has(feature)) vector.set(feature, (vector.get(feature) ?? 0) + weight * idf(feature));
    }
    return vector;
  };
  const normalized = (vector: Vector): Vector => {
    const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
    for (const [feature, value] of vector) vector.set(feature, value / norm);
    return vector;
  };
  const vectors = documents.map((document) => ({
    id: document.id,
    vector: normalized(addTo(addTo(new Map(), document.questions, 1), document.answers, ANSWER_WEIGHT)),
  }));

  return {
    rank(question, limit = 3) {
      const query = normalized(addTo(new Map(), faqFeatures(question), 1));
      if (query.size === 0) return [];
      const scored = vectors.map(({ id, vector }) => {
        let dot = 0;
        for (const [feature, value] of query) dot += value * (vector.get(feature) ?? 0);
        return { id, similarity: dot };
      });
      const total = scored.reduce((sum, { similarity }) => sum + Math.exp(SHARPNESS * similarity), 0);
      return scored
        .filter((match) => match.similarity > 0)
        .map((match) => ({ ...match, confidence: Math.exp(SHARPNESS * match.similarity) / total }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, limit);
    },
  };
}
