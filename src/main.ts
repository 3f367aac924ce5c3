/**
 * The one entry point. ROLE=web serves HTTP, ROLE=worker runs the queues, ROLE=all (the default) does both.
 */
import { setPriority } from 'node:os';
import { type Config, loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './log.js';
import { startRuntime } from './runtime.js';

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
  if (config.role === 'worker') lowerPriority(config.workerNice, logger);
  const runtime = await startRuntime(config, logger);
  runtime.shutdown.onSignals();
  logger.info({ role: config.role, url: runtime.url }, 'niryat setu started');
}

/**
 * Webhooks must be acknowledged within Twilio's timeout however much work is queued; the queue's work can wait.
 * Where both roles share cores, the worker yields the CPU to the web process (threads started later inherit this).
 */
function lowerPriority(nice: number, logger: ReturnType<typeof createLogger>): void {
  if (nice === 0) return;
  try {
    setPriority(nice);
  } catch (error) {
    logger.warn({ err: error, nice }, 'could not lower the worker process priority');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
