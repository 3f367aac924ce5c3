/**
 * `npm run bench:nlu`: how fast the bot reads free text, on one core (this process, one thread). Measures building
 * the understander (reading the flows and catalog, training the classifier), then classifying and extracting every
 * labelled message of test/fixtures/nlu/ over and over, and, as the baseline from the same run, only normalizing
 * and tokenizing them (the least any reading of a message costs). CPU per message is process CPU time (user +
 * system) over the messages read, so other work on the machine does not flatter or spoil it.
 */
import { performance } from 'node:perf_hooks';
import { normalizeText, tokenize } from '../../src/nlu/normalize.js';
import { loadUnderstander } from '../../src/understanding.js';
import { inquiryCases, intentCases, LABEL_DAY } from '../lib/nlu-eval.js';

const ROUNDS = Number(process.env.BENCH_NLU_ROUNDS ?? 10);
const messages = [...intentCases(), ...inquiryCases()].map((item) => item.text);

function measure(name: string, read: (text: string) => unknown) {
  for (const text of messages) read(text); // warm up: JIT, caches
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const text of messages) read(text);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const count = ROUNDS * messages.length;
  return {
    name,
    count,
    perSecond: count / (wallMs / 1000),
    cpuMicrosPerMessage: (cpu.user + cpu.system) / count,
  };
}

const cpuBefore = process.cpuUsage();
const startedBuild = performance.now();
const understander = loadUnderstander();
const buildMs = performance.now() - startedBuild;
const buildCpuMs = (process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1000;

const rows = [
  measure('baseline: normalize + tokenize', (text) => tokenize(normalizeText(text))),
  measure('understand (intent + inquiry)', (text) => understander.understand(text, LABEL_DAY)),
  measure('intent only (what routing calls)', (text) => understander.intentOf(text, LABEL_DAY)),
];

console.log(`NLU benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, one thread`);
console.log(`build (flows, catalog, training): ${buildMs.toFixed(0)} ms wall, ${buildCpuMs.toFixed(0)} ms CPU`);
console.log('');
console.log('| what | messages | messages/s | CPU µs/message |');
console.log('|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.count} | ${Math.round(row.perSecond).toLocaleString('en')} | ${row.cpuMicrosPerMessage.toFixed(1)} |`,
  );
}
