/**
 * Storing and queueing replies without searching the database: parts are found by id, and one person's messages
 * are numbered in Redis so that the send worker can keep them in order.
 */
import { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.js';
import { ChannelRegistry } from '../../src/channels/channel-registry.js';
import { createOutboundDispatcher, outboundId, type SendJobData } from '../../src/outbound/dispatch.js';
import type { OutboundModel } from '../../src/outbound/outbound-model.js';
import { ORDER_HOLD_MAX_MS, SendOrder } from '../../src/outbound/send-order.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { registerModels } from '../../src/model-registry.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueMongoUri, uniqueName } from '../support/services.js';

const CHANNEL: Channel = {
  name: 'whatsapp',
  maxTextLength: 20,
  webhookAck: { contentType: 'text/plain', body: '' },
  verify: () => false,
  parseInbound: () => {
    throw new Error('not used');
  },
  parseStatus: () => {
    throw new Error('not used');
  },
  send: () => Promise.reject(new Error('not used')),
};

describe('send order in Redis', () => {
  const redis = createRedisConnection(redisUrl(), 'client');
  const prefix = uniqueName('q');
  const order = new SendOrder(redis, prefix);
  afterAll(async () => {
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await redis.quit();
  });

  it('numbers each recipient’s messages consecutively, turn after turn', async () => {
    const asha = { channel: 'whatsapp', to: '+919800000101' };
    const bilal = { channel: 'whatsapp', to: '+919800000102' };
    expect((await order.allocate(asha, 'c1', 2)).first).toBe(1);
    expect((await order.allocate(bilal, 'c2', 1)).first).toBe(1);
    expect((await order.allocate(asha, 'c3', 3)).first).toBe(3);
    expect((await order.allocate(asha, 'c4', 1)).first).toBe(6);
  });

  it('gives a cause the same numbers again (a turn stored again after a crash)', async () => {
    const to = { channel: 'whatsapp', to: '+919800000103' };
    const first = await order.allocate(to, 'again', 2, { now: 1_000 });
    expect(first.again).toBe(false);
    expect(await order.allocate(to, 'again', 2, { now: 5_000 })).toEqual({ ...first, again: true });
    expect((await order.allocate(to, 'next', 1)).first).toBe(first.first + 2);
  });

  it('holds part 0 for at most a minute after the previous message was stored', async () => {
    const to = { channel: 'whatsapp', to: '+919800000104' };
    expect((await order.allocate(to, 'h1', 1, { now: 10_000 })).holdUntil).toBe(0);
    expect((await order.allocate(to, 'h2', 1, { now: 25_000 })).holdUntil).toBe(10_000 + ORDER_HOLD_MAX_MS);
    expect((await order.allocate(to, 'h3', 2, { now: 30_000 })).holdUntil).toBe(25_000 + ORDER_HOLD_MAX_MS);
  });

  it('lets a message go once the one before it went, or its hold is over', async () => {
    const to = { channel: 'whatsapp', to: '+919800000105' };
    await order.allocate(to, 'g1', 3);
    const sent = () => redis.get(order.sentKey(to));
    const now = Date.now();
    expect(order.mayGo(1, await sent(), now + 1_000, now)).toBe(true);
    expect(order.mayGo(2, await sent(), now + 1_000, now)).toBe(false);
    expect(order.mayGo(2, await sent(), now, now)).toBe(true);
    await order.advance(to, 1);
    expect(order.mayGo(2, await sent(), now + 1_000, now)).toBe(true);
    expect(order.mayGo(3, await sent(), now + 1_000, now)).toBe(false);
    // Only upward: a late report of an earlier message does not hold the next one back again.
    await order.advance(to, 3);
    await order.advance(to, 2);
    expect(await sent()).toBe('3');
    expect(await redis.ttl(order.sentKey(to))).toBeGreaterThan(0);
  });

  it('gives the turn by what the person has waiting, never ahead of their own unsent message', async () => {
    const to = { channel: 'whatsapp', to: '+919800000107' };
    // Seven more of their messages wait to be handled: this reply's turn comes after lighter users'.
    expect((await order.allocate(to, 't1', 1, { waitingBehind: 7 })).place).toBe(8);
    // The next one, with less waiting, would come earlier, but must not pass the one before it.
    expect((await order.allocate(to, 't2', 2, { waitingBehind: 0 })).place).toBe(8);
    // Once everything before has gone, the person's next reply is first in line again.
    await order.advance(to, 3);
    expect((await order.allocate(to, 't3', 1)).place).toBe(1);
  });

  it('goes on from what was sent when the numbers were lost', async () => {
    const to = { channel: 'whatsapp', to: '+919800000106' };
    await order.allocate(to, 'l1', 4);
    await order.advance(to, 4);
    await redis.del(`${prefix}:outseq:whatsapp:${to.to}`);
    expect((await order.allocate(to, 'l2', 1)).first).toBe(5);
  });
});

describe('outbound dispatcher', () => {
  let mongo: Connection;
  let outbound: OutboundModel;
  const redis = createRedisConnection(redisUrl(), 'client');
  const prefix = uniqueName('q');
  const queue = new Queue('outbound', { connection: redis, prefix });
  const order = new SendOrder(redis, prefix);
  const channels = new ChannelRegistry([CHANNEL]);
  const dispatcher = () => createOutboundDispatcher({ outbound, queue, channels, order, maxAttempts: 3 });
  const asha = { channel: 'whatsapp', to: '+919800000201' };

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    outbound = registerModels(mongo).outbound;
    await ensureIndexes(mongo);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await mongo.dropDatabase();
    await mongo.close();
    await redis.quit();
  });

  async function queued(cause: string): Promise<SendJobData[]> {
    const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
    return jobs
      .map((job) => job.data as SendJobData)
      .filter((data) => data.outboundId.startsWith(outboundId(cause, 0).slice(0, -1)))
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  it('stores the parts under ids derived from the cause, numbered in order, and queues exactly those', async () => {
    const outbox = dispatcher();
    const ids = await outbox.store('whatsapp:SMa', asha, [
      { text: 'first reply' },
      { text: 'a second reply long enough to be split in two' },
    ]);
    expect(ids).toEqual([0, 1, 2, 3].map((part) => outboundId('whatsapp:SMa', part)));
    const records = await Promise.all(ids.map((id) => outbound.findById(id).lean()));
    expect(records.map((record) => [record?.part, record?.seq, record?.status])).toEqual([
      [0, 1, 'pending'],
      [1, 2, 'pending'],
      [2, 3, 'pending'],
      [3, 4, 'pending'],
    ]);

    await outbox.enqueueStored('whatsapp:SMa');
    const jobs = await queued('whatsapp:SMa');
    expect(jobs.map(({ outboundId: id, seq, channel, to }) => ({ id, seq, channel, to }))).toEqual(
      ids.map((id, i) => ({ id, seq: i + 1, ...asha })),
    );
    // The recipient's first message has nothing to wait for; each later part waits for the one before it.
    expect(jobs[0]?.holdUntil).toBe(0);
    for (const job of jobs.slice(1)) expect(job.holdUntil).toBeGreaterThan(Date.now());
  });

  it('stores a cause only once: a second run neither numbers it again nor duplicates it', async () => {
    const outbox = dispatcher();
    const replies = [{ text: 'hello' }, { text: 'choose' }];
    const ids = await outbox.store('whatsapp:SMb', asha, replies);
    expect(await dispatcher().store('whatsapp:SMb', asha, replies)).toEqual(ids);
    const records = await Promise.all(ids.map((id) => outbound.findById(id).lean()));
    expect(records.map((record) => record?.seq)).toEqual([5, 6]);
    expect(await redis.get(`${prefix}:outseq:whatsapp:${asha.to}`)).toBe('6');
    expect((await dispatcher().store('whatsapp:SMc', asha, [{ text: 'next' }])).length).toBe(1);
    expect((await outbound.findById(outboundId('whatsapp:SMc', 0)).lean())?.seq).toBe(7);
  });

  it('finds what to queue by id when it did not store the cause itself, skipping what was sent', async () => {
    const cause = 'whatsapp:SMd';
    const ids = await dispatcher().store(cause, asha, [{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
    await outbound.updateOne({ _id: ids[0] }, { $set: { providerId: 'SMsent', status: 'queued', statusRank: 1 } });

    await dispatcher().enqueueStored(cause);
    const jobs = await queued(cause);
    expect(jobs.map((job) => [job.outboundId, job.seq])).toEqual([
      [ids[1], 9],
      [ids[2], 10],
    ]);
    // Queued again (a duplicate job): the job ids are the outbound ids, so nothing is queued twice.
    await dispatcher().enqueueStored(cause);
    expect(await queued(cause)).toHaveLength(2);
  });

  it('stores nothing and queues nothing for a turn without replies', async () => {
    const outbox = dispatcher();
    expect(await outbox.store('whatsapp:SMe', asha, [])).toEqual([]);
    await outbox.enqueueStored('whatsapp:SMe');
    expect(await queued('whatsapp:SMe')).toEqual([]);
    expect(await redis.get(`${prefix}:outseq:whatsapp:${asha.to}`)).toBe('10');
  });
});
