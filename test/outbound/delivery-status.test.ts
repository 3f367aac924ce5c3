import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStatusBook } from '../../src/outbound/delivery-status.js';
import type { OutboundModel } from '../../src/outbound/outbound-model.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { registerModels } from '../../src/persistence/models.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueMongoUri, uniqueName } from '../support/services.js';

describe('delivery statuses on the real MongoDB-compatible server and Redis', () => {
  let mongo: Connection;
  let outbound: OutboundModel;
  const redis = createRedisConnection(redisUrl(), 'client');
  let book: DeliveryStatusBook;
  const prefix = uniqueName('q');

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    outbound = registerModels(mongo).outbound;
    await ensureIndexes(mongo);
    book = new DeliveryStatusBook(outbound, redis, prefix);
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await redis.quit();
  });

  const stored = (id: string, providerId?: string) =>
    outbound.create({
      _id: id,
      channel: 'whatsapp',
      to: '+919800000901',
      cause: `whatsapp:${id}`,
      part: 0,
      text: 'नमस्ते',
      status: providerId ? 'queued' : 'pending',
      statusRank: providerId ? 1 : 0,
      ...(providerId ? { providerId } : {}),
    });
  const statusOf = async (id: string) => (await outbound.findById(id).lean())?.status;

  it('moves a status forward and never back', async () => {
    await stored('m1', 'SM1');
    const at = new Date();
    expect(await book.apply({ providerId: 'SM1', status: 'read', at })).toBe('applied');
    expect(await book.apply({ providerId: 'SM1', status: 'delivered', at })).toBe('stale');
    expect(await statusOf('m1')).toBe('read');
  });

  it('applies a report with our reference by id, before the provider id is stored, and stores that id', async () => {
    await stored('r1');
    const at = new Date();
    expect(await book.apply({ providerId: 'SMr1', reference: 'r1', status: 'sent', at })).toBe('applied');
    expect(await outbound.findById('r1').lean()).toMatchObject({ status: 'sent', statusRank: 3, providerId: 'SMr1' });
    expect(await book.apply({ providerId: 'SMr1', reference: 'r1', status: 'read', at })).toBe('applied');
    expect(await book.apply({ providerId: 'SMr1', reference: 'r1', status: 'delivered', at })).toBe('stale');
    expect(await statusOf('r1')).toBe('read');
    // Nothing was parked: a report with a reference never waits for the send worker.
    expect(await redis.keys(`${prefix}:status:parked:*`)).toEqual([]);
  });

  it('keeps the furthest of reports that arrive at the same moment', async () => {
    const at = new Date();
    for (const id of ['c1', 'c2', 'c3']) {
      await stored(id);
      const reports = (['read', 'sent', 'delivered', 'read', 'sent'] as const).map((status) =>
        book.apply({ providerId: `SM${id}`, reference: id, status, at }),
      );
      await Promise.all(reports);
      expect(await outbound.findById(id).lean()).toMatchObject({ status: 'read', statusRank: 5 });
    }
    expect(await redis.keys(`${prefix}:status:lock:*`)).toEqual([]);
  });

  it('records a send without moving back a status that a report moved further first', async () => {
    await stored('s1');
    await outbound.updateOne({ _id: 's1' }, { $set: { error: 'HTTP 503 code 20503', attempts: 1 } });
    await book.apply({ providerId: 'SMs1', reference: 's1', status: 'delivered', at: new Date() });
    await book.recordSent('s1', 'SMs1', 'queued');
    const record = await outbound.findById('s1').lean();
    expect(record).toMatchObject({ status: 'delivered', providerId: 'SMs1', attempts: 2 });
    expect(record?.error).toBeUndefined();

    await stored('s2');
    await book.recordSent('s2', 'SMs2', 'queued');
    expect(await outbound.findById('s2').lean()).toMatchObject({ status: 'queued', statusRank: 1, attempts: 1 });
  });

  it('records a failure reported by reference with its error code', async () => {
    await stored('r2', 'SMr2');
    const update = { providerId: 'SMr2', reference: 'r2', status: 'undelivered' as const, errorCode: 63016 };
    expect(await book.apply({ ...update, at: new Date() })).toBe('applied');
    expect(await outbound.findById('r2').lean()).toMatchObject({ status: 'undelivered', errorCode: 63016 });
  });

  it('drops "queued" reports without writing anything: the send already recorded that status', async () => {
    await stored('r3');
    const before = await outbound.findById('r3').lean();
    const at = new Date();
    expect(await book.apply({ providerId: 'SMr3', reference: 'r3', status: 'queued', at })).toBe('ignored');
    expect(await book.apply({ providerId: 'SMr3', status: 'queued', at })).toBe('ignored');
    expect(await outbound.findById('r3').lean()).toEqual(before);
    expect(await redis.exists(`${prefix}:status:parked:SMr3`)).toBe(0);
  });

  it('parks a report without reference that beats the provider id; applies it once the id is stored', async () => {
    await stored('m2');
    expect(await book.apply({ providerId: 'SM2', status: 'delivered', at: new Date() })).toBe('parked');
    expect(await statusOf('m2')).toBe('pending');
    await outbound.updateOne({ _id: 'm2' }, { $set: { providerId: 'SM2', status: 'queued', statusRank: 1 } });
    await book.applyParked('SM2');
    expect(await statusOf('m2')).toBe('delivered');
  });
});
