/**
 * What a free-text message asks for: one of the bot's intents, or `other`. A naive Bayes classifier from `natural`,
 * trained at start-up on the flows' examples, over our own features (natural's tokenizers delete Devanagari):
 * cross-script word keys (match-key.ts) so "chahiye" and "चाहिए" count as one word, word pairs, and signals the
 * caller adds (a product, a quantity, a country were found), which carry most of what makes a message an inquiry.
 *
 * `stop` and `start` are never guessed: only a message that is nothing but the command means them (commands.ts),
 * so no ordinary sentence can opt anyone out. The classifier is not even trained on them.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { conceptsOf } from './intent-concepts.js';
import { matchKeyWords, wordKey } from './match-key.js';
import { expandShorthand } from './shorthand.js';

export const INTENTS = [
  'greeting',
  'menu',
  'help',
  'register_seller',
  'post_inquiry',
  'faq',
  'join_group',
  'stop',
  'start',
  'language',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents only a whole-message command can mean. */
export const COMMAND_ONLY_INTENTS: ReadonlySet<Intent> = new Set(['stop', 'start']);

export interface IntentExample {
  intent: Intent;
  text: string;
}

export interface IntentGuess {
  intent: Intent;
  /** Calibrated: of messages guessed with confidence c, about c are right (see scripts/nlu-eval.ts). */
  confidence: number;
}

export interface IntentClassifier {
  /** The most likely intent; `other` when the best guess is below the confidence floor or nothing is known. */
  classify(text: string, signals?: readonly string[]): IntentGuess;
  /** Every trained intent with its confidence, best first. */
  rank(text: string, signals?: readonly string[]): IntentGuess[];
}

export interface IntentClassifierOptions {
  /**
   * Naive Bayes multiplies word likelihoods as if words were independent, which makes its raw probabilities too
   * sure of themselves. Dividing the log-probabilities by this temperature before normalizing brings them near
   * the observed accuracy: with 2, in 5-fold cross-validation on the training examples, guesses at 0.6-0.7 are
   * right about 70% of the time and at 0.9+ about 98% (`npm run nlu:eval` prints the table).
   */
  temperature?: number;
  /**
   * Below this calibrated confidence a guess is `other`: asking is better than starting the wrong flow. 0.4 gave
   * the best cross-validated accuracy (0.3 and 0.5 lose 2 points each).
   */
  floor?: number;
}

export const DEFAULT_TEMPERATURE = 2;
export const DEFAULT_FLOOR = 0.4;

/** The features of a message: its word keys, its pairs of neighbouring words, a length mark, and `signals`. */
export function intentFeatures(text: string, signals: readonly string[] = []): string[] {
  const words = matchKeyWords(text)
    .map((word) => (/^\d/.test(word) ? '#num' : wordKey(expandShorthand(word))))
    .filter((word) => word !== '');
  const pairs = words.slice(1).map((word, i) => `${words[i]}+${word}`);
  const length = words.length <= 2 ? '#short' : words.length <= 6 ? '#medium' : '#long';
  return [...new Set([...words, ...pairs, length, ...conceptsOf(words), ...signals])];
}

export function trainIntentClassifier(
  examples: readonly IntentExample[],
  options: IntentClassifierOptions & { signalsOf?: (text: string) => readonly string[] } = {},
): IntentClassifier {
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  const floor = options.floor ?? DEFAULT_FLOOR;
  const bayes = new BayesClassifier();
  for (const { intent, text } of examples) {
    if (COMMAND_ONLY_INTENTS.has(intent)) continue;
    bayes.addDocument(intentFeatures(text, options.signalsOf?.(text) ?? []), intent);
  }
  const vocabulary = Object.keys(bayes.features);
  const known = new Set(vocabulary);
  // natural turns a message into a vector over the whole vocabulary with an indexOf per feature, which costs about
  // a second to train on a thousand examples and a quarter of a millisecond per message. Training gets the same
  // dense vector from one Set lookup per feature; classifying hands natural's Bayes (apparatus) its sparse form,
  // the indices of the features present, which it scores identically.
  bayes.textToFeatures = (tokens) => {
    const present = new Set(tokens);
    return vocabulary.map((feature) => (present.has(feature) ? 1 : 0));
  };
  bayes.train();
  const indexOf = new Map(vocabulary.map((feature, i) => [feature, i]));
  bayes.textToFeatures = (tokens) => {
    const sparse: Record<number, number> = {};
    let count = 0;
    for (const token of tokens) {
      const index = indexOf.get(token);
      if (index !== undefined) sparse[count++] = index;
    }
    return sparse as unknown as number[];
  };

  const rank = (text: string, signals: readonly string[] = []): IntentGuess[] => {
    const features = intentFeatures(text, signals);
    if (!features.some((feature) => known.has(feature) && !feature.startsWith('#'))) {
      return [{ intent: 'other', confidence: 1 }];
    }
    const scored = bayes.getClassifications(features).map(({ label, value }) => ({
      intent: label as Intent,
      logit: Math.log(Math.max(value, Number.MIN_VALUE)) / temperature,
    }));
    const top = Math.max(...scored.map((entry) => entry.logit));
    const total = scored.reduce((sum, entry) => sum + Math.exp(entry.logit - top), 0);
    return scored
      .map(({ intent, logit }) => ({ intent, confidence: Math.exp(logit - top) / total }))
      .sort((a, b) => b.confidence - a.confidence);
  };

  return {
    rank,
    classify(text, signals = []) {
      const [best] = rank(text, signals);
      if (!best || best.confidence < floor) return { intent: 'other', confidence: 1 - (best?.confidence ?? 0) };
      return best;
    },
  };
}
