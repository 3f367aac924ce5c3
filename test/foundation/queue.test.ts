import { QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createQueues, jobId } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueName } from '../support/services.js';

describe('BullMQ on the real Redis', () => {
  const prefix = uniqueName('q');
  const producer = createRedisConnection(redisUrl(), 'producer');
  const workerConnection = createRedisConnection(redisUrl(), 'worker');
  const eventsConnection = createRedisConnection(redisUrl(), 'worker');
  const queues = createQueues(producer, prefix);

  afterAll(async () => {
    await queues.close();
    await Promise.all([producer.quit(), workerConnection.quit(), eventsConnection.quit()]);
  });

  it('carries a job from the queue to a worker and its result back', async () => {
    const events = new QueueEvents(queues.maintenance.name, { connection: eventsConnection, prefix });
    await events.waitUntilReady();
    const worker = new Worker(queues.maintenance.name, async (job) => ({ echoed: job.data.text, by: 'worker' }), {
      connection: workerConnection,
      prefix,
    });
    const job = await queues.maintenance.add('echo', { text: 'सेला चावल' });
    const result = await job.waitUntilFinished(events, 10_000);
    expect(result).toEqual({ echoed: 'सेला चावल', by: 'worker' });
    await worker.close();
    await events.close();
  });

  it('adds a job with a business-key id only once', async () => {
    const id = jobId('broadcast', 'b1', '+919800000003');
    expect(id).toBe('broadcast-b1-+919800000003');
    await queues.outbound.add('send', { n: 1 }, { jobId: id });
    await queues.outbound.add('send', { n: 2 }, { jobId: id });
    expect(await queues.outbound.getJobCountByTypes('waiting')).toBe(1);
    expect((await queues.outbound.getJob(id))?.data).toEqual({ n: 1 });
  });
});
