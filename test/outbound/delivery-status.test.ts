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

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    outbound = registerModels(mongo).outbound;
    await ensureIndexes(mongo);
    book = new DeliveryStatusBook(outbound, redis, uniqueName('q'));
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
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

  it('keeps a report that beats the stored provider id and applies it once the id is stored', async () => {
    await stored('m2');
    expect(await book.apply({ providerId: 'SM2', status: 'delivered', at: new Date() })).toBe('parked');
    expect(await statusOf('m2')).toBe('pending');
    await outbound.updateOne({ _id: 'm2' }, { $set: { providerId: 'SM2', status: 'queued', statusRank: 1 } });
    await book.applyParked('SM2');
    expect(await statusOf('m2')).toBe('delivered');
  });
});
