/**
 * The programme's numbers (src/domain/numbers/programme-numbers.ts): the arithmetic over projected records, and the
 * reads on the real FerretDB server within its limits.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countInquiries,
  countSellers,
  createProgrammeNumbers,
  indiaWeekOf,
  medianOf,
} from '../../src/domain/numbers/programme-numbers.js';
import { createSellers, type SellerProfile } from '../../src/domain/sellers/sellers.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { uniqueMongoUri } from '../support/services.js';

const AT = new Date('2026-11-30T05:00:00Z');
const reason = { code: 'x', text: { hi: 'x', en: 'x' } };
const answered = (kind: 'interested' | 'declined' | 'quote', minutes: number) => ({
  sellerId: 's',
  score: 1,
  reasons: [reason],
  alertedAt: AT,
  response: { kind, at: AT, responseMs: minutes * 60_000 },
});

describe('programme numbers', () => {
  it('counts sellers by category, tehsil and both', () => {
    const counts = countSellers([
      { categories: ['rice'], tehsil: 'khurai', alertsOn: true },
      { categories: ['rice', 'pulses'], tehsil: 'khurai', alertsOn: false },
      { categories: [], tehsil: 'bina' },
    ]);
    expect(counts).toMatchObject({
      total: 3,
      alertsOff: 1,
      byCategory: { rice: 2, pulses: 1, uncategorised: 1 },
      byTehsil: { khurai: 2, bina: 1 },
    });
    expect(counts.byCategoryAndTehsil[0]).toEqual({ category: 'rice', tehsil: 'khurai', sellers: 2 });
  });

  it('counts inquiries a week (India’s Monday), the match rate, quotes and the median answer time', () => {
    const monday = new Date('2026-11-29T19:00:00Z'); // Monday 00:30 in India
    const counts = countInquiries(
      [
        { createdAt: monday, matches: [answered('quote', 10), answered('declined', 30)] },
        { createdAt: new Date('2026-11-29T18:00:00Z'), matches: [answered('interested', 20)] },
        { createdAt: monday, matches: [] },
      ],
      new Date('2026-11-01T00:00:00Z'),
    );
    expect(counts.weeks).toEqual([
      { week: '2026-11-23', inquiries: 1, matched: 1, matchRate: 1, quotes: 0 },
      { week: '2026-11-30', inquiries: 2, matched: 1, matchRate: 0.5, quotes: 1 },
    ]);
    expect(counts).toMatchObject({ inquiries: 3, matchRate: 0.67, quotesPerInquiry: 0.33, medianResponseMinutes: 20 });
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNull();
    expect(indiaWeekOf(new Date('2026-12-06T18:29:00Z'))).toBe('2026-11-30');
  });

  describe('on FerretDB', () => {
    let mongo: Connection;
    beforeAll(async () => {
      mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
      await ensureIndexes(mongo);
    });
    afterAll(async () => {
      await mongo.dropDatabase();
      await mongo.close();
    });

    it('reads projected fields and counts them', async () => {
      const models = registerModels(mongo);
      const sellers = createSellers({ sellers: models.sellers, erasures: models.sellerErasures });
      const profile = (tehsil: string): SellerProfile => ({
        name: 'R',
        businessName: 'B',
        products: [{ productId: 'p', category: 'rice', label: 'p' }],
        certifications: [],
        exportExperience: 'none',
        tehsil,
        photos: [],
        contactConsent: { given: false, at: AT, evidence: 'no', statement: 's' },
      });
      await sellers.register('+919800000501', profile('bina'), AT);
      await sellers.register('+919800000502', profile('sagar'), AT);
      const numbers = createProgrammeNumbers(models);
      expect(await numbers.sellers()).toMatchObject({ total: 2, byCategory: { rice: 2 }, capped: false });
      expect(await numbers.inquiries(AT)).toMatchObject({ inquiries: 0, matchRate: 0, medianResponseMinutes: null });
    });
  });
});
