/**
 * ROLE=all's queue workers, in a thread of their own (started by main.ts): the web server keeps its event loop to
 * itself, so a webhook is acknowledged without waiting behind queued work, and the two use two cores. The thread
 * runs the ROLE=worker runtime with its own connections, at a lower CPU priority (WORKER_NICE).
 *
 * Messages from the parent: 'stop' (shut down and end the thread). To the parent: 'ready', or
 * { failed: message } when it could not start.
 */
import { parentPort } from 'node:worker_threads';
import { loadConfig } from './config.js';
import { lowerThreadPriority } from './cpu-priority.js';
import { createLogger } from './log.js';
import { startRuntime } from './runtime.js';

export type WorkerThreadMessage = 'ready' | { failed: string };

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker-thread.ts runs only as a worker thread (see main.ts)');
  const config = loadConfig({ ...process.env, ROLE: 'worker' });
  const logger = createLogger(config.logLevel).child({ thread: 'workers' });
  lowerThreadPriority(config.workerNice, logger);
  try {
    const runtime = await startRuntime(config, logger);
    port.on('message', (message: unknown) => {
      if (message !== 'stop') return;
      void runtime.stop().finally(() => port.close());
    });
    port.postMessage('ready' satisfies WorkerThreadMessage);
  } catch (error) {
    port.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerThreadMessage);
    port.close();
  }
}

void run();
