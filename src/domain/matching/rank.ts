/**
 * Which sellers an inquiry is sent to: the best-scoring available ones, with sellers who score about the same taking
 * turns, so that nobody is sent everything. Pure: the caller reads the candidates and records the alerts it sends.
 */
import { AppError } from '../../errors.js';
import type { InquiryNeeds, MatchCandidate } from './match-profile.js';
import type { MatchReason } from './match-reasons.js';
import { type Scorer, scorerFor } from './score.js';

export {
  type InquiryNeeds,
  kgOf,
  type MatchCandidate,
  matchProfileOf,
  type SellerMatchProfile,
  type SellerMatchStats,
} from './match-profile.js';
export type { BilingualText, MatchReason } from './match-reasons.js';
export { type Scorer, type SellerScore, scoreSeller, scorerFor } from './score.js';

// Sellers within 2 points (of 100) of each other count as equal and take turns. That is less than a step of the
// factors an officer weighs (an export-experience step is 5, one of three certificates asked for 5) and more than
// chance differences: one unanswered alert costs 1.4, a capacity a tenth short of the order 1.5.
export const FAIRNESS_BAND_POINTS = 2;

export interface RankOptions {
  /** How many sellers to choose. */
  topN: number;
  /** Epoch ms (or a Date): when the inquiry is matched. */
  now: number | Date;
  /** A key of the inquiry (its id): breaks the last ties differently for every inquiry, and the same when re-run. */
  inquiryKey: string;
}

export interface RankedSeller {
  sellerId: string;
  score: number;
  reasons: MatchReason[];
}

export class InvalidRankOptionsError extends AppError {
  constructor(detail: string, context: Record<string, unknown>) {
    super('INVALID_RANK_OPTIONS', `rankSellers: ${detail}`, context);
  }
}

interface Scored {
  candidate: MatchCandidate;
  score: number;
  alerts: number;
  msSinceAlerted: number;
  turn: number;
}

/**
 * At most `topN` sellers, the best group of equals first. Unavailable sellers and sellers of neither the product nor its kind are left
 * out. Sellers within FAIRNESS_BAND_POINTS of the best remaining one form a group of equals; within a group the one
 * sent fewer alerts lately goes first, then the one alerted longest ago, then an order drawn from the inquiry key
 * (not the seller id, which would favour low numbers forever).
 */
export function rankSellers(
  needs: InquiryNeeds,
  candidates: readonly MatchCandidate[],
  options: RankOptions,
): RankedSeller[] {
  const { topN, inquiryKey } = options;
  if (!Number.isInteger(topN) || topN < 0)
    throw new InvalidRankOptionsError('topN must be a whole number ≥ 0', { topN });
  const now = options.now instanceof Date ? options.now.getTime() : options.now;
  const scorer = scorerFor(needs);
  const scored = scoreAll(scorer, candidates, now, inquiryKey).sort((a, b) => b.score - a.score);
  const chosen: RankedSeller[] = [];
  for (let start = 0; start < scored.length && chosen.length < topN; ) {
    // A group is anchored at its best score, not chained pair by pair: a chain of small steps would make a seller
    // 10 points down the "equal" of the best one.
    const floor = scored[start]!.score - FAIRNESS_BAND_POINTS;
    let end = start;
    while (end < scored.length && scored[end]!.score >= floor) end++;
    const equals = scored.slice(start, end).sort(byTurn);
    for (const { candidate } of equals.slice(0, topN - chosen.length)) {
      const { profile, stats } = candidate;
      const { score, reasons } = scorer.score(profile, stats)!;
      chosen.push({ sellerId: profile.sellerId, score, reasons });
    }
    start = end;
  }
  return chosen;
}

function scoreAll(scorer: Scorer, candidates: readonly MatchCandidate[], now: number, inquiryKey: string) {
  const seen = new Set<string>();
  const scored: Scored[] = [];
  for (const candidate of candidates) {
    const { profile, stats } = candidate;
    // A seller listed twice (under the product and its kind) is still one seller, alerted once.
    if (!profile.available || seen.has(profile.sellerId)) continue;
    seen.add(profile.sellerId);
    const score = scorer.points(profile, stats);
    if (score === null) continue;
    scored.push({
      candidate,
      score,
      alerts: stats.alerts,
      // Never alerted is longest ago; a time ahead of ours (another worker's clock) counts as just now.
      msSinceAlerted:
        stats.lastAlertedAt === undefined ? Number.POSITIVE_INFINITY : Math.max(0, now - stats.lastAlertedAt),
      turn: turnOf(inquiryKey, profile.sellerId),
    });
  }
  return scored;
}

function byTurn(a: Scored, b: Scored): number {
  return a.alerts - b.alerts || compareDescending(a.msSinceAlerted, b.msSinceAlerted) || a.turn - b.turn;
}

function compareDescending(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

/** FNV-1a of the inquiry key and the seller id: a fixed order per inquiry that differs from one inquiry to the next. */
function turnOf(inquiryKey: string, sellerId: string): number {
  const text = `${inquiryKey}\u0000${sellerId}`;
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}
