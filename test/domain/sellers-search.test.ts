/**
 * Officers' search of sellers on the real FerretDB server: by words (taken literally), product, category, tehsil
 * and alerts, sorted and paged; values that look like operators are only text.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSellers, type SellerProfile, type Sellers } from '../../src/domain/sellers/sellers.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { uniqueMongoUri } from '../support/services.js';

const AT = new Date('2026-11-30T05:00:00Z');

function profile(name: string, productId: string, category: string, tehsil: string): SellerProfile {
  return {
    name,
    businessName: `${name} Industries`,
    products: [{ productId, category, label: `${productId} (a.b)` }],
    certifications: [],
    exportExperience: 'none',
    tehsil,
    photos: [],
    contactConsent: { given: false, at: AT, evidence: 'no', statement: 's' },
  };
}

describe('sellers search', () => {
  let mongo: Connection;
  let sellers: Sellers;
  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    const models = registerModels(mongo);
    await ensureIndexes(mongo);
    sellers = createSellers({ sellers: models.sellers, erasures: models.sellerErasures });
    await sellers.register('+919800000601', profile('Anil', 'basmati', 'rice', 'sagar'), AT);
    await sellers.register('+919800000602', profile('Bela', 'sela', 'rice', 'bina'), new Date(AT.getTime() + 1000));
    await sellers.register(
      '+919800000603',
      profile('Chandra', 'marble', 'stone', 'sagar'),
      new Date(AT.getTime() + 2000),
    );
    await sellers.setAlerts('+919800000603', false, AT);
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  const names = async (filter: Parameters<Sellers['search']>[0], sort: 'name' | '-registered' = 'name', skip = 0) =>
    (await sellers.search(filter, { skip, limit: 10, sort })).sellers.map((seller) => seller.name);

  it('filters by every condition given, sorted and paged', async () => {
    expect(await names({})).toEqual(['Anil', 'Bela', 'Chandra']);
    expect(await names({}, '-registered')).toEqual(['Chandra', 'Bela', 'Anil']);
    expect(await names({}, 'name', 2)).toEqual(['Chandra']);
    expect(await names({ category: 'rice', tehsil: 'sagar' })).toEqual(['Anil']);
    expect(await names({ productId: 'sela' })).toEqual(['Bela']);
    expect(await names({ alertsOn: false })).toEqual(['Chandra']);
    expect(await names({ text: 'industries' })).toEqual(['Anil', 'Bela', 'Chandra']);
    expect(await names({ text: 'MARBLE' })).toEqual(['Chandra']);
    expect((await sellers.search({ category: 'rice' }, { skip: 0, limit: 1, sort: 'name' })).total).toBe(2);
  });

  it('takes words and values literally', async () => {
    expect(await names({ text: '(a.b)' })).toEqual(['Anil', 'Bela', 'Chandra']);
    expect(await names({ text: '.*' })).toEqual([]);
    expect(await names({ text: 'Anil|Bela' })).toEqual([]);
    expect(await names({ tehsil: '{"$ne":"x"}' })).toEqual([]);
    expect(await names({ tehsil: { $ne: 'x' } as unknown as string })).toEqual([]);
  });
});
