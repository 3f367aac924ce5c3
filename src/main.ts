/**
 * The one entry point. ROLE=web serves HTTP, ROLE=worker runs the queues, ROLE=all (the default) does both.
 */
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './log.js';
import { startRuntime } from './runtime.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
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
  const runtime = await startRuntime(config, logger);
  runtime.shutdown.onSignals();
  logger.info({ role: config.role, url: runtime.url }, 'niryat setu started');
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
