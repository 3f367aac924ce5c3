/**
 * `npm run chaos [-- kill-worker|redis-restart|ferretdb-restart]` (all three by default): the cluster of
 * scripts/chaos/cluster.ts (two web and two worker processes, as docker-compose scales them) under load from many
 * numbers, with one fault in the middle; then, per scenario, how many webhooks were accepted and how many replies
 * were answered, lost, duplicated or out of order. The README's reliability section quotes a run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Cluster, runLoad, startCluster, tally } from './cluster.js';

const NUMBERS = Number(process.env.CHAOS_NUMBERS ?? 60);
const GAP_MS = Number(process.env.CHAOS_GAP_MS ?? 700);

const SCENARIOS: Record<string, (cluster: Cluster) => Promise<void>> = {
  'kill-worker': async (cluster) => {
    // kill -9 of one worker mid-load; its drains and sends are retried by the other once BullMQ sees them stalled.
    await cluster.workers[0]!.kill('SIGKILL');
    await sleep(2_000);
    cluster.workers.push(await cluster.startBot('worker'));
  },
  'redis-restart': (cluster) => cluster.restartRedis(3_000),
  'ferretdb-restart': (cluster) => cluster.restartFerretDB(3_000),
};

const chosen = process.argv.slice(2).filter((name) => name in SCENARIOS);
const rows: string[] = [];
for (const name of chosen.length > 0 ? chosen : Object.keys(SCENARIOS)) {
  const cluster = await startCluster({ webs: 2, workers: 2 });
  try {
    const load = await runLoad(cluster, { numbers: NUMBERS, gapMs: GAP_MS, during: () => SCENARIOS[name]!(cluster) });
    const result = await tally(cluster, load.numbers, 120_000);
    rows.push(
      `| ${name} | ${load.accepted + load.refused} | ${load.accepted} | ${load.refused} | ${result.expected} | ${result.answered} | ${result.lost} | ${result.duplicated} | ${result.outOfOrder} |`,
    );
  } finally {
    await cluster.stop();
  }
}
console.log(
  `Chaos runs, ${new Date().toISOString().slice(0, 10)}: 2 web + 2 worker processes, ${NUMBERS} numbers × 4 messages`,
);
console.log('');
console.log(
  '| fault | webhooks | accepted (200) | refused | replies expected | answered | lost | duplicated | numbers out of order |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
