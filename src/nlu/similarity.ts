/**
 * Fuzzy comparison of spellings, and the rule that turns scores into one answer or none: a typo should still pick
 * the option the user meant, but a word that fits two options equally must be asked about, not guessed.
 */
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';

/** Jaro-Winkler similarity of two normalized strings, in [0, 1]. */
export function similarity(a: string, b: string): number {
  return JaroWinklerDistance(a, b);
}

// Jaro-Winkler rewards shared prefixes, which makes short words look alike ("iran"/"iraq", "yes"/"yet"): below this
// length only an exact spelling counts.
export const MIN_FUZZY_LENGTH = 4;

/** Similarity, or 0 when either word is too short for a spelling difference to be trusted. */
export function fuzzySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if ([...a].length < MIN_FUZZY_LENGTH || [...b].length < MIN_FUZZY_LENGTH) return 0;
  return similarity(a, b);
}

export interface ScoredCandidate<Id extends string = string> {
  id: Id;
  score: number;
}

export interface PickRule {
  /** The lowest score that counts as a match. */
  threshold: number;
  /** A second candidate scoring within this distance of the best makes the answer ambiguous. */
  margin: number;
}

/**
 * The best candidate at or above the threshold, unless another candidate (with a different id) is within the margin
 * of it: then undefined, so the caller asks again instead of choosing for the user.
 */
export function pickUnambiguous<Id extends string>(
  candidates: readonly ScoredCandidate<Id>[],
  rule: PickRule,
): ScoredCandidate<Id> | undefined {
  const bestById = new Map<Id, number>();
  for (const { id, score } of candidates) {
    if (score >= rule.threshold && score > (bestById.get(id) ?? -1)) bestById.set(id, score);
  }
  const ranked = [...bestById].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  const [best, runnerUp] = ranked;
  if (!best) return undefined;
  if (runnerUp && best.score - runnerUp.score < rule.margin) return undefined;
  return best;
}
