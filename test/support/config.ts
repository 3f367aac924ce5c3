import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config.js';
import { redisUrl, uniqueMongoUri, uniqueName } from './services.js';

/** A valid config for tests: its own database and queue prefix, port 0, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uniqueMongoUri(),
    REDIS_URL: redisUrl(),
    QUEUE_PREFIX: uniqueName('q'),
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'test-auth-token-123',
    TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
    // Reports written 50 ms after they arrive, not 500: tests wait for them.
    STATUS_BATCH_MS: '50',
    // Each bot its own spool, like each web process on its own disk.
    SPOOL_DIR: join(tmpdir(), uniqueName('spool')),
    ...overrides,
  });
}
