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

// Winkler's bonus: a tenth of the remaining distance for each of up to four shared first letters (natural's values).
const WINKLER_SCALE = 0.1;
const WINKLER_MAX_PREFIX = 4;

/**
 * The highest `similarity` two strings of these lengths (in UTF-16 units, as Jaro counts them) can reach when they
 * have at most `common` characters in common: Jaro matches at most that many, so Jaro is at most
 * (common/a + common/b + 1) / 3, and the prefix bonus adds at most 0.4 of what is left. Without `common`, the bound
 * from the lengths alone. Matchers skip pairs that cannot reach their threshold without computing the score.
 */
export function similarityBound(aLength: number, bLength: number, common = Math.min(aLength, bLength)): number {
  if (aLength === 0 || bLength === 0) return aLength === bLength ? 1 : 0;
  const jaro = (common / aLength + common / bLength + 1) / 3;
  return jaro + WINKLER_MAX_PREFIX * WINKLER_SCALE * (1 - jaro);
}

/** How often each UTF-16 unit occurs in a string: what `commonLetters` compares. */
export function letterCounts(text: string): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (let at = 0; at < text.length; at++) {
    const unit = text[at]!;
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  return counts;
}

/** The characters two strings share, repeats included: no more than this many can match in Jaro. */
export function commonLetters(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let common = 0;
  for (const [unit, count] of a) common += Math.min(count, b.get(unit) ?? 0);
  return common;
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
