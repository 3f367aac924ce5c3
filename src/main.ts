/**
 * The one entry point. ROLE=web serves HTTP, ROLE=worker runs the queues, ROLE=all (the default) does both: the web
 * server on the main thread and the queue workers in a worker thread (worker-thread.ts), so that queued work never
 * holds up a webhook's acknowledgement.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Config, loadConfig } from './config.js';
import { lowerProcessPriority } from './cpu-priority.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { startRuntime } from './runtime.js';
import type { WorkerThreadMessage } from './worker-thread.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line an operator can act on; no stack trace for a typo in .env.
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.role === 'worker') lowerProcessPriority(config.workerNice, logger);
  const runtime = await startRuntime(config.role === 'all' ? { ...config, role: 'web' } : config, logger);
  if (config.role === 'all') {
    const workers = await startWorkerThread(logger, () => runtime.stop());
    // After the web server has stopped taking requests, before its own queues and stores close: the thread's
    // workers get the same time to finish their jobs as a ROLE=worker process would.
    runtime.shutdown.addBefore('queues', 'worker thread', workers.stop);
  }
  runtime.shutdown.onSignals();
  logger.info({ role: config.role, url: runtime.url }, 'niryat setu started');
}

/**
 * Starts the queue workers' thread and resolves once they run. A thread that dies later takes the process with it
 * (after `stopWeb`), so that a supervisor restarts both rather than leave webhooks piling up with no one to work.
 */
async function startWorkerThread(logger: Logger, stopWeb: () => Promise<void>): Promise<{ stop: () => Promise<void> }> {
  const thread = spawnThread(new URL(`./worker-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  let stopping = false;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerThreadMessage) => {
      if (message === 'ready') resolve();
      else reject(new Error(`the queue workers did not start: ${message.failed}`));
    };
    thread.once('message', onMessage);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the queue workers' thread exited with code ${code} at start-up`)));
  });
  thread.removeAllListeners();
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  thread.on('error', (error) => logger.fatal({ err: error }, "the queue workers' thread failed"));
  void exited.then(async () => {
    if (stopping) return;
    logger.fatal("the queue workers' thread ended unexpectedly; stopping");
    await stopWeb().catch(() => {});
    process.exit(1);
  });
  return {
    stop: async () => {
      stopping = true;
      thread.postMessage('stop');
      await exited;
    },
  };
}

/**
 * A thread running `entry`, which has this module's extension: .js when built. Under tsx (.ts) the thread has to
 * register tsx's module hooks itself first: Node 20 does not carry them over into worker threads.
 */
function spawnThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const load = `import(${JSON.stringify(entry.href)})`;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return ${load}; })`, { eval: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
