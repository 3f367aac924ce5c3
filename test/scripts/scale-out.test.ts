/**
 * Scale-out as docker-compose runs it: two ROLE=web and two ROLE=worker processes against one Redis and one
 * FerretDB, load spread over both web processes, and one worker killed with SIGKILL mid-load. Every webhook is
 * accepted, every person gets every reply, once, in order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Cluster, runLoad, startCluster, tally } from '../../scripts/chaos/cluster.js';

describe('two web and two worker processes', () => {
  let cluster: Cluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('lose nothing and keep each person in order when a worker is killed mid-load', async () => {
    cluster = await startCluster({ webs: 2, workers: 2 });
    const running = cluster;
    const load = await runLoad(running, {
      numbers: 20,
      gapMs: 600,
      during: () => running.workers[0]!.kill('SIGKILL'),
    });
    expect(load).toMatchObject({ accepted: 80, refused: 0 });
    const result = await tally(running, load.numbers, 90_000);
    expect(result.lost).toBe(0);
    expect(result.outOfOrder).toBe(0);
    // Sends the killed worker had handed to Twilio without reading the answer are found there on retry, not sent
    // again (test/pipeline/send-ambiguous.test.ts).
    expect(result.duplicated).toBe(0);
  }, 180_000);
});
