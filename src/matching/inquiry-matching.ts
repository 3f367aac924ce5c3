/**
 * Matching an inquiry: the candidates from the sellers' index, ranked (src/domain/matching/rank.ts), the chosen ones'
 * alerts counted so that the next inquiry gives others their turn.
 */
import type { InquiryNeeds } from '../domain/matching/match-profile.js';
import { type RankedSeller, rankSellers } from '../domain/matching/rank.js';
import type { SellerIndex } from './seller-index.js';

export interface InquiryMatchingOptions {
  /** How many sellers an inquiry alerts (MATCH_TOP_N). */
  topN: number;
}

export function createInquiryMatching(index: SellerIndex, options: InquiryMatchingOptions) {
  return {
    async match(needs: InquiryNeeds, inquiryKey: string, now: Date): Promise<RankedSeller[]> {
      const candidates = await index.candidates(needs);
      const chosen = rankSellers(needs, candidates, { topN: options.topN, now, inquiryKey });
      await index.recordAlerts(
        chosen.map((seller) => seller.sellerId),
        now,
      );
      return chosen;
    },
    recordResponse: (sellerId: string, responseMs: number) => index.recordResponse(sellerId, responseMs),
  };
}
