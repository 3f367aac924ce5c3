/**
 * `npm run bench:faq`: how fast the FAQ answers, on one core (this process, one thread). Measures building the
 * index at start-up (reading and checking flows/faq/, the TF-IDF vectors) and answering each labelled question of
 * test/fixtures/faq/ one at a time, with its latency p50/p95/p99 and CPU per question; the baseline from the same
 * run is normalizing and tokenizing the same questions (the least any reading of a message costs).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { confident } from '../../src/actions/faq-actions.js';
import { loadKnowledgeBase } from '../../src/domain/faq/knowledge-base.js';
import { buildEntryIndex } from '../../src/nlu/faq-index.js';
import { normalizeText, tokenize } from '../../src/nlu/normalize.js';
import { readLabelled } from '../lib/faq-eval.js';

const ROUNDS = Number(process.env.BENCH_FAQ_ROUNDS ?? 20);
const questions = readLabelled().map((question) => question.text);

const cpuBefore = process.cpuUsage();
const startedBuild = performance.now();
const knowledgeBase = loadKnowledgeBase(join(import.meta.dirname, '..', '..', 'flows', 'faq'));
const index = buildEntryIndex(knowledgeBase.entries);
const buildMs = performance.now() - startedBuild;
const buildCpu = process.cpuUsage(cpuBefore);

function measure(name: string, read: (text: string) => unknown) {
  for (const text of questions) read(text); // warm up
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of questions) {
      const started = performance.now();
      read(text);
      latencies.push(performance.now() - started);
    }
  }
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
  return {
    name,
    count: latencies.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    cpuMicros: (used.user + used.system) / latencies.length,
  };
}

const rows = [
  measure('baseline: normalize + tokenize', (text) => tokenize(normalizeText(text))),
  measure('answer: rank the entries, pick the best over the threshold', (text) => {
    const [best] = index.rank(text, 1);
    return best && confident(best) ? knowledgeBase.byId(best.id) : undefined;
  }),
];

console.log(`FAQ benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, one thread`);
console.log(
  `start-up: ${knowledgeBase.entries.length} entries read, checked and indexed in ${buildMs.toFixed(0)} ms wall, ${((buildCpu.user + buildCpu.system) / 1000).toFixed(0)} ms CPU`,
);
console.log('');
console.log('| what | questions | p50 | p95 | p99 | CPU µs/question |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.count} | ${row.p50.toFixed(3)} ms | ${row.p95.toFixed(3)} ms | ${row.p99.toFixed(3)} ms | ${row.cpuMicros.toFixed(1)} |`,
  );
}
