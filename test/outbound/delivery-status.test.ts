/**
 * Delivery statuses on the real MongoDB-compatible server and Redis: reports staged in the status inbox, claimed as
 * a batch and written forward-only. The flush job itself (a BullMQ worker) runs in the pipeline tests; here each
 * batch is claimed and written by the test, so every step can be looked at.
 */
import { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStatusBook } from '../../src/outbound/delivery-status.js';
import type { OutboundModel } from '../../src/outbound/outbound-model.js';
import { BATCH_ABANDONED_MS, type StatusFlushJobData, StatusInbox } from '../../src/outbound/status-inbox.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { registerModels } from '../../src/model-registry.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueMongoUri, uniqueName } from '../support/services.js';

describe('delivery statuses: staged in Redis, written in batches', () => {
  let mongo: Connection;
  let outbound: OutboundModel;
  const redis = createRedisConnection(redisUrl(), 'client');
  const prefix = uniqueName('q');
  const flushes = new Queue<StatusFlushJobData>(QUEUE_NAMES.statuses, {
    connection: createRedisConnection(redisUrl(), 'producer'),
    prefix,
  });
  const inbox = new StatusInbox(redis, flushes, prefix, 60_000);
  let book: DeliveryStatusBook;
  let batches = 0;

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    outbound = registerModels(mongo).outbound;
    await ensureIndexes(mongo);
    book = new DeliveryStatusBook(outbound, inbox);
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
    await flushes.obliterate({ force: true });
    await flushes.close();
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
  /** What one flush job does: claim everything staged, write it, forget the batch. */
  const flush = async () => {
    batches += 1;
    const batch = inbox.batchKey(`test-${batches}`);
    const claimed = await inbox.claim(batch, false);
    const outcomes = await book.applyBatch(claimed);
    await inbox.written(batch);
    return { ...claimed, outcomes };
  };
  const at = new Date();

  it('keeps only the furthest report staged per message, and writes it once', async () => {
    await stored('c1', 'SMc1');
    const staged = [];
    for (const status of ['sent', 'read', 'delivered', 'read'] as const) {
      staged.push(await inbox.report({ providerId: 'SMc1', reference: 'c1', status, at }));
    }
    expect(staged).toEqual(['staged', 'staged', 'superseded', 'superseded']);
    const { reports, outcomes } = await flush();
    expect(reports).toEqual([{ providerId: 'SMc1', reference: 'c1', status: 'read' }]);
    expect(outcomes).toMatchObject({ applied: 1 });
    expect(await outbound.findById('c1').lean()).toMatchObject({ status: 'read', statusRank: 5 });
  });

  it('never moves a status back across batches', async () => {
    await stored('m1', 'SM1');
    await inbox.report({ providerId: 'SM1', reference: 'm1', status: 'read', at });
    await flush();
    // The rank written is remembered in Redis, so the next batch's check reads nothing from the database…
    expect(await redis.get(`${prefix}:status:applied:m1`)).toBe('5');
    await inbox.report({ providerId: 'SM1', reference: 'm1', status: 'delivered', at });
    expect((await flush()).outcomes).toMatchObject({ applied: 0, stale: 1 });
    // …and once Redis has forgotten it, the database still has the last word.
    await redis.del(`${prefix}:status:applied:m1`);
    await inbox.report({ providerId: 'SM1', reference: 'm1', status: 'delivered', at });
    expect((await flush()).outcomes).toMatchObject({ applied: 0, stale: 1 });
    expect(await statusOf('m1')).toBe('read');
  });

  it('applies a report with our reference before the provider id is stored, and stores that id', async () => {
    await stored('r1');
    await inbox.report({ providerId: 'SMr1', reference: 'r1', status: 'sent', at });
    await flush();
    expect(await outbound.findById('r1').lean()).toMatchObject({ status: 'sent', statusRank: 3, providerId: 'SMr1' });
  });

  it('writes a send with the next batch, in one write with its report, never moving back a further one', async () => {
    await stored('s1');
    await outbound.updateOne({ _id: 's1' }, { $set: { error: 'HTTP 503 code 20503', errorCode: 20503, attempts: 1 } });
    await inbox.report({ providerId: 'SMs1', reference: 's1', status: 'delivered', at });
    await flush();
    await inbox.recordSend({ outboundId: 's1', providerId: 'SMs1', status: 'queued' });
    const { sends, outcomes } = await flush();
    expect(sends).toEqual([{ outboundId: 's1', providerId: 'SMs1', status: 'queued' }]);
    expect(outcomes).toMatchObject({ applied: 1 });
    const record = await outbound.findById('s1').lean();
    expect(record).toMatchObject({ status: 'delivered', providerId: 'SMs1', attempts: 2 });
    expect(record?.error).toBeUndefined();

    await stored('s2');
    await outbound.updateOne({ _id: 's2' }, { $set: { errorCode: 20429, attempts: 1 } });
    await inbox.recordSend({ outboundId: 's2', providerId: 'SMs2', status: 'queued' });
    await inbox.report({ providerId: 'SMs2', reference: 's2', status: 'sent', at });
    expect(await outbound.findById('s2').lean()).toMatchObject({ status: 'pending', attempts: 1 });
    await flush();
    const sent = await outbound.findById('s2').lean();
    expect(sent).toMatchObject({ status: 'sent', statusRank: 3, providerId: 'SMs2', attempts: 2 });
    // The retried attempt's rate-limit code no longer describes a message that went out.
    expect(sent?.errorCode).toBeUndefined();
  });

  it('records a failure reported by reference with its error code', async () => {
    await stored('r2', 'SMr2');
    await inbox.report({ providerId: 'SMr2', reference: 'r2', status: 'undelivered', errorCode: 63016, at });
    await flush();
    expect(await outbound.findById('r2').lean()).toMatchObject({ status: 'undelivered', errorCode: 63016 });
  });

  it('drops the provider\'s "queued": the send records that status itself', async () => {
    expect(await inbox.report({ providerId: 'SMr3', reference: 'r3', status: 'queued', at })).toBe('ignored');
    expect(await inbox.report({ providerId: 'SMr3', status: 'queued', at })).toBe('ignored');
    expect((await flush()).reports).toEqual([]);
  });

  it('parks a report without reference that beats the provider id, and writes it once the id is stored', async () => {
    await stored('m2');
    await inbox.report({ providerId: 'SM2', status: 'delivered', at });
    expect((await flush()).outcomes).toMatchObject({ parked: 1 });
    expect(await statusOf('m2')).toBe('pending');
    await inbox.recordSend({ outboundId: 'm2', providerId: 'SM2', status: 'queued' });
    const { reports } = await flush();
    expect(reports.map((report) => report.status).sort()).toEqual(['delivered', 'queued']);
    expect(await statusOf('m2')).toBe('delivered');
    expect(await redis.exists(`${prefix}:status:parked:SM2`)).toBe(0);
  });

  it('counts a reference to no stored message as missing and writes nothing', async () => {
    await inbox.report({ providerId: 'SMnone', reference: 'none', status: 'read', at });
    expect((await flush()).outcomes).toMatchObject({ missing: 1, applied: 0 });
    expect(await outbound.exists({ _id: 'none' })).toBeNull();
  });

  it('lets a flush that died after claiming resume its batch, without taking reports staged since', async () => {
    await stored('k1', 'SMk1');
    await stored('k2', 'SMk2');
    await inbox.report({ providerId: 'SMk1', reference: 'k1', status: 'delivered', at });
    const batch = inbox.batchKey('died');
    expect((await inbox.claim(batch, false)).reports).toHaveLength(1);
    // The job died here. A report arrives, then the job runs again under the same id.
    await inbox.report({ providerId: 'SMk2', reference: 'k2', status: 'read', at });
    const resumed = await inbox.claim(batch, false);
    expect(resumed.reports).toEqual([{ providerId: 'SMk1', reference: 'k1', status: 'delivered' }]);
    await book.applyBatch(resumed);
    await inbox.written(batch);
    expect(await redis.exists(batch)).toBe(0);
    expect((await flush()).reports).toEqual([{ providerId: 'SMk2', reference: 'k2', status: 'read' }]);
    expect([await statusOf('k1'), await statusOf('k2')]).toEqual(['delivered', 'read']);
  });

  it('schedules one flush per batch, and the sweep resumes abandoned batches and orphaned reports', async () => {
    await flushes.obliterate({ force: true });
    await flush();
    await inbox.report({ providerId: 'SMf1', reference: 'f1', status: 'sent', at });
    await inbox.report({ providerId: 'SMf2', reference: 'f2', status: 'sent', at });
    expect(await flushes.getDelayedCount()).toBe(1);

    // A flush that claimed and then gave up for good; and reports whose flush was never scheduled.
    const abandoned = inbox.batchKey('gave-up');
    expect((await inbox.claim(abandoned, false)).reports).toHaveLength(2);
    await redis.zadd(`${prefix}:status:batches`, Date.now() - BATCH_ABANDONED_MS - 1, abandoned);
    await inbox.report({ providerId: 'SMf3', reference: 'f3', status: 'sent', at });
    await redis.del(`${prefix}:status:flush-due`);
    await flushes.obliterate({ force: true });

    expect(await inbox.sweep(new Date())).toBe(1);
    const jobs = await flushes.getJobs(['delayed', 'waiting']);
    expect(jobs.map((job) => job.data).sort((a, b) => (a.batch ? -1 : b.batch ? 1 : 0))).toEqual([
      { batch: abandoned },
      {},
    ]);
  });
});
