/**
 * Inquiries on the real FerretDB server: opened once per confirming turn, answered by matched sellers only, closed
 * by their buyer only, expired by the clock, erased on request.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInquiries, type Inquiries, type NewInquiry, stateOf } from '../../src/domain/inquiries/inquiries.js';
import type { InquiryMatch } from '../../src/domain/inquiries/inquiry-model.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { uniqueMongoUri } from '../support/services.js';

const AT = new Date('2026-11-30T06:00:00Z');
const DAY = 86_400_000;
const BUYER = '+919800000201';
const SELLER_A = '+919800000202';
const SELLER_B = '+919800000203';

function draft(): NewInquiry {
  return {
    buyerPhone: BUYER,
    text: '50 ton sela chawal dubai',
    productId: 'rice_parboiled',
    category: 'rice',
    productLabel: { hi: 'सेला चावल', en: 'Parboiled rice' },
    quantity: { value: 50, unit: 'MT', kg: 50_000 },
    destination: 'AE',
    certifications: [],
    language: 'hi',
    expiresAt: new Date(AT.getTime() + 14 * DAY),
  };
}

const matches: InquiryMatch[] = [SELLER_A, SELLER_B].map((sellerId, i) => ({
  sellerId,
  score: 90 - i,
  reasons: [{ code: 'exact_product', text: { hi: 'यही उत्पाद', en: 'Makes this product' } }],
  alertedAt: AT,
}));

describe('inquiries', () => {
  let mongo: Connection;
  let inquiries: Inquiries;

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    const models = registerModels(mongo);
    await ensureIndexes(mongo);
    inquiries = createInquiries({
      inquiries: models.inquiries,
      buyerInquiries: models.buyerInquiries,
      sellerAlerts: models.sellerAlerts,
    });
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it('gives one turn one short code, the same on a re-run', () => {
    const code = inquiries.codeFor('whatsapp:SM1#buyer_inquiry.open');
    expect(code).toMatch(/^Q[A-Z2-9]{5}$/);
    expect(inquiries.codeFor('whatsapp:SM1#buyer_inquiry.open')).toBe(code);
    expect(inquiries.codeFor('whatsapp:SM2#buyer_inquiry.open')).not.toBe(code);
  });

  it('opens once, lists it for the buyer, and records answers of matched sellers only', async () => {
    const id = inquiries.codeFor('open-once');
    const opened = await inquiries.open(id, draft(), matches, AT);
    expect(opened.matches).toHaveLength(2);
    expect(stateOf(opened)).toBe('open');
    // Opened again (a turn run after a crash): the stored one stands.
    expect((await inquiries.open(id, draft(), [], AT)).matches).toHaveLength(2);
    expect((await inquiries.ofBuyer(BUYER)).map((inquiry) => inquiry._id)).toContain(id);

    const later = new Date(AT.getTime() + 3_600_000);
    const quote = { price: { amount: 450, currency: 'USD', per: 'MT' }, incoterm: 'FOB', leadTimeDays: 20, text: 'x' };
    const answered = await inquiries.respond(id, SELLER_B, { kind: 'quote', quote }, later);
    expect(answered).toMatchObject({ ok: true, first: true });
    if (!answered.ok) throw new Error('unreachable');
    expect(answered.inquiry.matches[1]?.response).toMatchObject({ kind: 'quote', responseMs: 3_600_000, quote });
    expect(stateOf(answered.inquiry)).toBe('matched');
    // A second answer replaces the first and is not a first answer.
    expect(await inquiries.respond(id, SELLER_B, { kind: 'interested' }, later)).toMatchObject({
      ok: true,
      first: false,
    });
    expect(await inquiries.respond(id, '+919800000299', { kind: 'interested' }, later)).toEqual({
      ok: false,
      refusal: 'not_matched',
    });
  });

  it('opens with no match at all (nobody sells it yet)', async () => {
    const opened = await inquiries.open(inquiries.codeFor('no-match'), draft(), [], AT);
    expect(opened.matches).toEqual([]);
    expect(opened.certifications).toEqual([]);
  });

  it('is closed by its buyer only, once, and then takes no answers', async () => {
    const id = inquiries.codeFor('close');
    await inquiries.open(id, draft(), matches, AT);
    expect(await inquiries.close(id, SELLER_A, 'fulfilled', AT)).toEqual({ ok: false, refusal: 'not_yours' });
    const closed = await inquiries.close(id, BUYER, 'fulfilled', AT);
    expect(closed.ok && closed.inquiry.state).toBe('fulfilled');
    expect(await inquiries.close(id, BUYER, 'cancelled', AT)).toEqual({ ok: false, refusal: 'closed' });
    expect(await inquiries.respond(id, SELLER_A, { kind: 'interested' }, AT)).toEqual({ ok: false, refusal: 'closed' });
    expect(await inquiries.expire(id, new Date(AT.getTime() + 15 * DAY))).toBeNull();
  });

  it('expires only when its time has come, and reminds once', async () => {
    const id = inquiries.codeFor('expire');
    await inquiries.open(id, draft(), matches, AT);
    expect(await inquiries.markReminded(id, AT)).toBe(true);
    expect(await inquiries.markReminded(id, AT)).toBe(false);
    expect(await inquiries.expire(id, new Date(AT.getTime() + 13 * DAY))).toBeNull();
    expect((await inquiries.expire(id, new Date(AT.getTime() + 14 * DAY)))?.state).toBe('expired');
  });

  it("erases a buyer's inquiries on request", async () => {
    const buyer = '+919800000250';
    const id = inquiries.codeFor('erase');
    await inquiries.open(id, { ...draft(), buyerPhone: buyer }, matches, AT);
    expect(await inquiries.eraseOfBuyer(buyer)).toBe(1);
    expect(await inquiries.find(id)).toBeNull();
    expect(await inquiries.ofBuyer(buyer)).toEqual([]);
  });

  it('lists inquiries by state as people see it, by product and group, newest first, a page at a time', async () => {
    const at = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);
    const product = 'list_test_product';
    await inquiries.open('QLIST1', { ...draft(), productId: product, groupId: 'LISTG1' }, matches, at(1));
    await inquiries.open('QLIST2', { ...draft(), productId: product }, matches, at(2));
    await inquiries.open('QLIST3', { ...draft(), productId: product }, [], at(3));
    await inquiries.respond('QLIST2', SELLER_A, { kind: 'interested' }, at(4));
    await inquiries.close('QLIST3', BUYER, 'cancelled', at(5));
    const page: { skip: number; limit: number; order: 1 | -1 } = { skip: 0, limit: 10, order: -1 };
    const ids = async (filter: Parameters<Inquiries['list']>[0], p = page) =>
      (await inquiries.list({ productId: product, ...filter }, p)).inquiries.map((inquiry) => inquiry._id);
    expect(await ids({})).toEqual(['QLIST3', 'QLIST2', 'QLIST1']);
    expect(await ids({}, { skip: 1, limit: 1, order: 1 })).toEqual(['QLIST2']);
    expect(await ids({ state: 'matched' })).toEqual(['QLIST2']);
    expect(await ids({ state: 'open' })).toEqual(['QLIST1']);
    expect(await ids({ state: 'cancelled' })).toEqual(['QLIST3']);
    expect(await ids({ groupId: 'LISTG1' })).toEqual(['QLIST1']);
    expect((await inquiries.list({ productId: product }, page)).total).toBe(3);
  });
});
