import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FAIRNESS_BAND_POINTS,
  type InquiryNeeds,
  InvalidRankOptionsError,
  type MatchCandidate,
  matchProfileOf,
  rankSellers,
  type SellerMatchProfile,
  type SellerMatchStats,
  scoreSeller,
} from '../../src/domain/matching/rank.js';
import type { SellerRecord } from '../../src/domain/sellers/seller-model.js';

const NOW = Date.parse('2026-11-30T10:00:00+05:30');
const HOUR = 60 * 60_000;
const NEVER_ALERTED: SellerMatchStats = { alerts: 0, responses: 0 };
const PARBOILED: InquiryNeeds = {
  productId: 'parboiled_rice',
  category: 'rice',
  quantityKg: 50_000,
  certifications: [],
  productName: { hi: 'सेला चावल', en: 'Parboiled rice' },
};

function profile(overrides: Partial<SellerMatchProfile> = {}): SellerMatchProfile {
  return {
    sellerId: '+919800000001',
    products: [{ productId: 'parboiled_rice', category: 'rice', capacityKgPerMonth: 60_000 }],
    certifications: [],
    exportExperience: 'none',
    tehsil: 'bina',
    available: true,
    ...overrides,
  };
}

const scoreOf = (needs: InquiryNeeds, seller: SellerMatchProfile, stats = NEVER_ALERTED) =>
  scoreSeller(needs, seller, stats)?.score ?? Number.NaN;
const codesOf = (needs: InquiryNeeds, seller: SellerMatchProfile, stats = NEVER_ALERTED) =>
  scoreSeller(needs, seller, stats)?.reasons.map((reason) => reason.code);
const textsOf = (needs: InquiryNeeds, seller: SellerMatchProfile, stats = NEVER_ALERTED) =>
  scoreSeller(needs, seller, stats)?.reasons.map((reason) => reason.text) ?? [];

describe('matchProfileOf', () => {
  const record = (overrides: Partial<SellerRecord> = {}): SellerRecord => ({
    _id: '+919800000002',
    phone: '+919800000002',
    name: 'Ramesh',
    businessName: 'Bina Rice Mill',
    products: [
      { productId: 'parboiled_rice', category: 'rice', label: 'सेला चावल', capacity: { value: 50, unit: 'MT' } },
      { productId: 'broken_rice', category: 'rice', label: 'टुकड़ा चावल', capacity: { value: 120, unit: 'quintal' } },
      { productId: 'rice_bran', category: 'agri-other', label: 'rice bran', capacity: { value: 800, unit: 'kg' } },
      { productId: 'paddy', category: 'rice', label: 'धान', capacity: { value: 2, unit: 'container' } },
      { productId: 'raw_rice', category: 'rice', label: 'कच्चा चावल', capacity: { value: 300, unit: 'bag' } },
      { productId: 'steam_rice', category: 'rice', label: 'steam rice' },
      { label: 'kurmura' },
    ],
    productIds: [],
    categories: [],
    unmatchedProducts: ['kurmura'],
    needsReview: true,
    certifications: ['fssai', 'iec'],
    exportExperience: 'indirect',
    tehsil: 'bina',
    photos: [],
    alertsOn: true,
    contactConsent: { given: true, at: new Date(NOW), evidence: 'हाँ', statement: 'share?' },
    createdAt: new Date(NOW),
    updatedAt: new Date(NOW),
    ...overrides,
  });

  it('converts capacity to kg where the unit is a weight, and leaves bags and containers unknown', () => {
    expect(matchProfileOf(record(), false).products).toEqual([
      { productId: 'parboiled_rice', category: 'rice', capacityKgPerMonth: 50_000 },
      { productId: 'broken_rice', category: 'rice', capacityKgPerMonth: 12_000 },
      { productId: 'rice_bran', category: 'agri-other', capacityKgPerMonth: 800 },
      { productId: 'paddy', category: 'rice' },
      { productId: 'raw_rice', category: 'rice' },
      { productId: 'steam_rice', category: 'rice' },
    ]);
  });

  it('keeps what scoring needs and drops products no inquiry can name', () => {
    const seller = matchProfileOf(record(), false);
    expect(seller).toMatchObject({
      sellerId: '+919800000002',
      certifications: ['fssai', 'iec'],
      exportExperience: 'indirect',
      tehsil: 'bina',
      available: true,
    });
    expect(seller.products.some((product) => product.productId === undefined)).toBe(false);
  });

  it('is available only with alerts on and no opt-out', () => {
    expect(matchProfileOf(record({ alertsOn: false }), false).available).toBe(false);
    expect(matchProfileOf(record(), true).available).toBe(false);
    expect(matchProfileOf(record({ alertsOn: false }), true).available).toBe(false);
  });
});

describe('scoreSeller', () => {
  it('is null for a seller of neither the product nor its kind', () => {
    expect(
      scoreSeller(
        PARBOILED,
        profile({ products: [{ productId: 'soybean_meal', category: 'soybean-meal' }] }),
        NEVER_ALERTED,
      ),
    ).toBeNull();
    expect(scoreSeller({ certifications: [] }, profile(), NEVER_ALERTED)).toBeNull();
  });

  it('puts the exact product above the same kind, and says which', () => {
    const exact = profile();
    const sameKind = profile({
      products: [{ productId: 'basmati_rice', category: 'rice', capacityKgPerMonth: 60_000 }],
    });
    expect(scoreOf(PARBOILED, exact)).toBeGreaterThan(scoreOf(PARBOILED, sameKind) + FAIRNESS_BAND_POINTS);
    expect(textsOf(PARBOILED, exact)[0]).toEqual({
      hi: 'यही उत्पाद बनाते हैं (सेला चावल)',
      en: 'Makes this exact product (Parboiled rice)',
    });
    expect(textsOf(PARBOILED, sameKind)[0]).toEqual({
      hi: 'इसी किस्म का दूसरा उत्पाद बनाते हैं, सेला चावल नहीं',
      en: 'Makes another product of the same kind, not Parboiled rice',
    });
  });

  it('uses generic words without the catalog name, and category words for an inquiry naming only a kind', () => {
    const { productName: _name, ...unnamed } = PARBOILED;
    expect(textsOf(unnamed, profile())[0]?.en).toBe('Makes this exact product');
    const kindOnly: InquiryNeeds = { category: 'rice', certifications: [] };
    expect(textsOf(kindOnly, profile())[0]).toEqual({
      hi: 'इसी किस्म का उत्पाद बनाते हैं',
      en: 'Makes this kind of product',
    });
  });

  it('gives full capacity credit at or above the quantity, partial below, and less for an unstated one', () => {
    const withCapacity = (kg?: number) =>
      profile({
        products: [
          { productId: 'parboiled_rice', category: 'rice', ...(kg !== undefined && { capacityKgPerMonth: kg }) },
        ],
      });
    const enough = scoreOf(PARBOILED, withCapacity(50_000));
    expect(scoreOf(PARBOILED, withCapacity(500_000))).toBe(enough);
    const half = scoreOf(PARBOILED, withCapacity(25_000));
    const tenth = scoreOf(PARBOILED, withCapacity(5_000));
    const unknown = scoreOf(PARBOILED, withCapacity(undefined));
    expect(enough).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(tenth);
    expect(enough - half).toBeCloseTo(half - scoreOf(PARBOILED, withCapacity(0.0001)), 1);
    expect(textsOf(PARBOILED, withCapacity(25_000))[1]).toEqual({
      hi: 'महीने में 25 टन बना सकते हैं, माँगे गए 50 टन का 50%',
      en: 'Can make 25 MT a month, 50% of the 50 MT asked',
    });
    expect(codesOf(PARBOILED, withCapacity(undefined))).toContain('capacity_unknown');
  });

  it('weighs no capacity when the inquiry states no quantity, but still shows it', () => {
    const { quantityKg: _quantity, ...noQuantity } = PARBOILED;
    const big = profile();
    const small = profile({ products: [{ productId: 'parboiled_rice', category: 'rice', capacityKgPerMonth: 800 }] });
    expect(scoreOf(noQuantity, big)).toBe(scoreOf(noQuantity, small));
    expect(textsOf(noQuantity, small)[1]).toEqual({ hi: 'महीने में 800 किलो बना सकते हैं', en: 'Can make 800 kg a month' });
  });

  it('credits each certificate asked for that the seller has, and names the missing ones', () => {
    const needs = { ...PARBOILED, certifications: ['fssai', 'apeda_rcmc'] };
    const none = scoreOf(needs, profile());
    const one = scoreOf(needs, profile({ certifications: ['fssai', 'gi'] }));
    const both = scoreOf(needs, profile({ certifications: ['fssai', 'apeda_rcmc'] }));
    expect(one).toBeGreaterThan(none);
    expect(both - one).toBeCloseTo(one - none, 5);
    expect(textsOf(needs, profile({ certifications: ['fssai'] })).slice(2, 4)).toEqual([
      { hi: 'माँगा गया FSSAI लाइसेंस है', en: 'Has the FSSAI licence asked for' },
      {
        hi: 'माँगे गए प्रमाणपत्रों में से ये नहीं हैं: APEDA / RCMC पंजीकरण',
        en: 'Does not have: APEDA / RCMC registration',
      },
    ]);
    // Certificates nobody asked for change nothing.
    expect(scoreOf(PARBOILED, profile({ certifications: ['organic'] }))).toBe(scoreOf(PARBOILED, profile()));
  });

  it('ranks export experience direct > indirect > none', () => {
    const [direct, indirect, none] = (['direct', 'indirect', 'none'] as const).map((level) =>
      scoreOf(PARBOILED, profile({ exportExperience: level })),
    );
    expect(direct).toBeGreaterThan(indirect!);
    expect(indirect).toBeGreaterThan(none!);
  });

  it('takes credit away for unanswered or late replies, and none from a seller never alerted', () => {
    const seller = profile();
    const neverAlerted = scoreOf(PARBOILED, seller);
    const replies = (responses: number, meanResponseMs?: number): SellerMatchStats => ({
      alerts: 10,
      responses,
      ...(meanResponseMs !== undefined && { meanResponseMs }),
      lastAlertedAt: NOW - HOUR,
    });
    // A good record is worth as much as no record: otherwise the first sellers alerted would take every inquiry.
    expect(scoreOf(PARBOILED, seller, replies(9, 30 * 60_000))).toBe(neverAlerted);
    expect(scoreOf(PARBOILED, seller, replies(2))).toBeLessThan(scoreOf(PARBOILED, seller, replies(4)));
    expect(scoreOf(PARBOILED, seller, replies(0))).toBeLessThan(neverAlerted - FAIRNESS_BAND_POINTS);
    expect(scoreOf(PARBOILED, seller, replies(5, 3 * HOUR))).toBeGreaterThan(
      scoreOf(PARBOILED, seller, replies(5, 30 * HOUR)),
    );
    expect(scoreOf(PARBOILED, seller, replies(5, 30 * HOUR))).toBeGreaterThan(
      scoreOf(PARBOILED, seller, replies(5, 5 * 24 * HOUR)),
    );
    expect(textsOf(PARBOILED, seller, replies(8, 3 * HOUR)).at(-1)).toEqual({
      hi: 'हाल की 80% पूछताछ का जवाब दिया, औसतन 3 घंटे में',
      en: 'Replied to 80% of recent inquiries, in 3 hours on average',
    });
    expect(codesOf(PARBOILED, seller)?.at(-1)).toBe('responses_none_yet');
  });

  it('writes every reason in Devanagari and in English', () => {
    const needs = { ...PARBOILED, certifications: ['organic', 'halal'] };
    const seller = profile({ certifications: ['organic'], exportExperience: 'direct' });
    for (const text of textsOf(needs, seller, { alerts: 3, responses: 2, meanResponseMs: 50 * HOUR })) {
      expect(text.hi).toMatch(/\p{Script=Devanagari}/u);
      expect(text.en).toMatch(/^[\x20-\x7E%]+$/);
    }
  });
});

describe('rankSellers', () => {
  const seller = (id: string, overrides: Partial<SellerMatchProfile> = {}, stats = NEVER_ALERTED): MatchCandidate => ({
    profile: profile({ sellerId: id, ...overrides }),
    stats,
  });
  const rank = (candidates: MatchCandidate[], topN = 5, inquiryKey = 'inq-1') =>
    rankSellers(PARBOILED, candidates, { topN, now: NOW, inquiryKey }).map((chosen) => chosen.sellerId);

  it('chooses at most topN, best first, skipping unavailable sellers and non-matches', () => {
    const candidates = [
      seller('same-kind', { products: [{ productId: 'basmati_rice', category: 'rice' }] }),
      seller('paused', { available: false, exportExperience: 'direct' }),
      seller('direct', { exportExperience: 'direct' }),
      seller('soy', { products: [{ productId: 'soybean_meal', category: 'soybean-meal' }] }),
      seller('indirect', { exportExperience: 'indirect' }),
      seller('none'),
    ];
    expect(rank(candidates)).toEqual(['direct', 'indirect', 'none', 'same-kind']);
    expect(rank(candidates, 2)).toEqual(['direct', 'indirect']);
    expect(rank(candidates, 0)).toEqual([]);
  });

  it('gives each chosen seller its score and reasons', () => {
    const [chosen] = rankSellers(PARBOILED, [seller('a')], { topN: 1, now: new Date(NOW), inquiryKey: 'k' });
    expect(chosen).toEqual({ sellerId: 'a', ...scoreSeller(PARBOILED, profile({ sellerId: 'a' }), NEVER_ALERTED) });
  });

  it('among equals prefers fewer recent alerts, then the one alerted longest ago', () => {
    const alerted = (alerts: number, hoursAgo: number): SellerMatchStats => ({
      alerts,
      responses: alerts / 2,
      lastAlertedAt: NOW - hoursAgo * HOUR,
    });
    const candidates = [
      seller('busy', {}, alerted(6, 1)),
      seller('recent', {}, alerted(2, 1)),
      seller('rested', {}, alerted(2, 30)),
      seller('new'),
    ];
    expect(rank(candidates)).toEqual(['new', 'rested', 'recent', 'busy']);
  });

  it('does not let equals outrank a clearly better seller', () => {
    const candidates = [
      seller('a'),
      seller('b'),
      seller('better', { exportExperience: 'indirect' }, { alerts: 9, responses: 5 }),
    ];
    expect(rank(candidates, 1)).toEqual(['better']);
  });

  it('breaks the last ties by inquiry, not by seller id', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => seller(`+9198000000${String(i).padStart(2, '0')}`));
    const firsts = new Set(Array.from({ length: 30 }, (_, i) => rank(candidates, 1, `inquiry-${i}`)[0]));
    expect(firsts.size).toBeGreaterThan(5);
    expect(rank(candidates, 3, 'inquiry-7')).toEqual(rank([...candidates].reverse(), 3, 'inquiry-7'));
  });

  it('alerts a seller listed twice once', () => {
    expect(rank([seller('a'), seller('a'), seller('b')])).toEqual(expect.arrayContaining(['a', 'b']));
    expect(rank([seller('a'), seller('a'), seller('b')])).toHaveLength(2);
  });

  it('refuses a topN that is not a whole number', () => {
    expect(() => rank([seller('a')], -1)).toThrow(InvalidRankOptionsError);
    expect(() => rank([seller('a')], 1.5)).toThrow(/topN/);
  });
});

describe('rankSellers properties', () => {
  const PRODUCTS = [
    { productId: 'parboiled_rice', category: 'rice' },
    { productId: 'basmati_rice', category: 'rice' },
    { productId: 'soybean_meal', category: 'soybean-meal' },
    { productId: 'sandstone', category: 'building-materials' },
  ];
  const arbitraryProfile = fc.record({
    products: fc.array(
      fc.record({
        product: fc.constantFrom(...PRODUCTS),
        capacityKgPerMonth: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    certifications: fc.subarray(['iec', 'fssai', 'apeda_rcmc', 'organic']),
    exportExperience: fc.constantFrom('none' as const, 'indirect' as const, 'direct' as const),
    available: fc.boolean(),
  });
  const arbitraryStats: fc.Arbitrary<SellerMatchStats> = fc
    .record({
      alerts: fc.double({ min: 0, max: 40, noNaN: true }),
      replied: fc.double({ min: 0, max: 1, noNaN: true }),
      meanResponseMs: fc.option(fc.integer({ min: 1000, max: 5 * 24 * HOUR }), { nil: undefined }),
      hoursAgo: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    })
    .map(({ alerts, replied, meanResponseMs, hoursAgo }) => ({
      alerts,
      responses: alerts * replied,
      ...(meanResponseMs !== undefined && { meanResponseMs }),
      ...(hoursAgo !== undefined && { lastAlertedAt: NOW - hoursAgo * HOUR }),
    }));
  const arbitraryCandidates = fc.array(fc.tuple(arbitraryProfile, arbitraryStats), { maxLength: 40 }).map((rows) =>
    rows.map(
      ([{ products, ...rest }, stats], i): MatchCandidate => ({
        profile: {
          sellerId: `+91980000${String(i).padStart(4, '0')}`,
          tehsil: 'sagar',
          products: products.map(({ product, capacityKgPerMonth }) => ({
            ...product,
            ...(capacityKgPerMonth !== undefined && { capacityKgPerMonth }),
          })),
          ...rest,
        },
        stats,
      }),
    ),
  );
  const arbitraryNeeds: fc.Arbitrary<InquiryNeeds> = fc.record({
    productId: fc.constantFrom('parboiled_rice', 'soybean_meal'),
    category: fc.constantFrom('rice', 'soybean-meal'),
    quantityKg: fc.option(fc.integer({ min: 1, max: 500_000 }), { nil: undefined }),
    certifications: fc.subarray(['iec', 'fssai', 'organic', 'halal']),
  });

  it('chooses at most topN distinct, available, matching sellers', () => {
    fc.assert(
      fc.property(arbitraryNeeds, arbitraryCandidates, fc.nat(8), fc.string(), (needs, candidates, topN, key) => {
        const chosen = rankSellers(needs, candidates, { topN, now: NOW, inquiryKey: key });
        expect(chosen.length).toBeLessThanOrEqual(topN);
        expect(new Set(chosen.map((c) => c.sellerId)).size).toBe(chosen.length);
        const byId = new Map(candidates.map((c) => [c.profile.sellerId, c]));
        for (const { sellerId } of chosen) {
          const candidate = byId.get(sellerId)!;
          expect(candidate.profile.available).toBe(true);
          expect(scoreSeller(needs, candidate.profile, candidate.stats)).not.toBeNull();
        }
        const eligible = candidates.filter((c) => c.profile.available && scoreSeller(needs, c.profile, c.stats));
        expect(chosen.length).toBe(Math.min(topN, eligible.length));
      }),
    );
  });

  it('never chooses an unavailable seller, however well it scores', () => {
    fc.assert(
      fc.property(arbitraryNeeds, arbitraryCandidates, (needs, candidates) => {
        const star: MatchCandidate = {
          profile: {
            sellerId: 'star',
            products: [{ productId: needs.productId!, category: needs.category!, capacityKgPerMonth: 10_000_000 }],
            certifications: ['iec', 'fssai', 'organic', 'halal'],
            exportExperience: 'direct',
            tehsil: 'sagar',
            available: false,
          },
          stats: { alerts: 0, responses: 0 },
        };
        const chosen = rankSellers(needs, [star, ...candidates], { topN: 50, now: NOW, inquiryKey: 'k' });
        expect(chosen.map((c) => c.sellerId)).not.toContain('star');
      }),
    );
  });

  it('always puts a seller of the exact product above an otherwise-equal seller of its kind only', () => {
    fc.assert(
      fc.property(
        arbitraryNeeds,
        arbitraryProfile,
        arbitraryStats,
        arbitraryStats,
        arbitraryCandidates,
        fc.integer({ min: 1, max: 10 }),
        fc.string(),
        (needs, shape, exactStats, kindStats, others, topN, key) => {
          const capacityKgPerMonth = shape.products[0]?.capacityKgPerMonth;
          const withProduct = (sellerId: string, productId: string): SellerMatchProfile => ({
            ...shape,
            sellerId,
            tehsil: 'sagar',
            available: true,
            products: [
              { productId, category: needs.category!, ...(capacityKgPerMonth !== undefined && { capacityKgPerMonth }) },
            ],
          });
          // Otherwise equal, the kind-only seller even with the better reply record: the exact one still wins.
          const [better, worse] = [exactStats, kindStats].sort(
            (a, b) => b.responses / (b.alerts + 1) - a.responses / (a.alerts + 1),
          );
          const exact: MatchCandidate = { profile: withProduct('exact', needs.productId!), stats: worse! };
          const kindOnly: MatchCandidate = { profile: withProduct('kind', 'some_other_product'), stats: better! };
          const order = rankSellers(needs, [kindOnly, ...others, exact], { topN, now: NOW, inquiryKey: key }).map(
            (c) => c.sellerId,
          );
          if (order.includes('kind')) {
            expect(order).toContain('exact');
            expect(order.indexOf('exact')).toBeLessThan(order.indexOf('kind'));
          }
        },
      ),
    );
  });

  it('shares 1,000 inquiries among 200 equal sellers: the busiest gets at most 1.5 times the average', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('none', 'all-fast', 'all-slow'),
        fc.integer({ min: 1, max: 120 }),
        (seed, replies, minutesApart) => {
          const candidates: MatchCandidate[] = Array.from({ length: 200 }, (_, i) => ({
            profile: profile({ sellerId: `+9197${String(seed * 1000 + i).padStart(8, '0')}` }),
            stats: { alerts: 0, responses: 0 },
          }));
          const byId = new Map(candidates.map((candidate) => [candidate.profile.sellerId, candidate]));
          const alertsPer = new Map<string, number>();
          let now = NOW;
          for (let inquiry = 0; inquiry < 1000; inquiry++) {
            now += minutesApart * 60_000;
            const chosen = rankSellers(PARBOILED, candidates, { topN: 5, now, inquiryKey: `${seed}:${inquiry}` });
            expect(chosen).toHaveLength(5);
            // What the caller does after sending: count the alert, and the reply if one comes.
            for (const { sellerId } of chosen) {
              alertsPer.set(sellerId, (alertsPer.get(sellerId) ?? 0) + 1);
              const candidate = byId.get(sellerId)!;
              const stats = { ...candidate.stats, alerts: candidate.stats.alerts + 1, lastAlertedAt: now };
              if (replies !== 'none') {
                const ms = replies === 'all-fast' ? 10 * 60_000 : 20 * HOUR;
                stats.meanResponseMs = ms;
                stats.responses += 1;
              }
              candidate.stats = stats;
            }
          }
          const counts = candidates.map((c) => alertsPer.get(c.profile.sellerId) ?? 0);
          const mean = (1000 * 5) / 200;
          expect(Math.max(...counts)).toBeLessThanOrEqual(1.5 * mean);
          expect(Math.min(...counts)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10 },
    );
  });
});
