/** The real entry point as an operator starts it: bad config, start-up, SIGTERM. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { redisUrl, uniqueMongoUri, uniqueName } from '../support/services.js';

const baseEnv = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  MONGODB_URI: uniqueMongoUri(),
  REDIS_URL: redisUrl(),
  QUEUE_PREFIX: uniqueName('q'),
  TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'process-test-token',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
});

function startMain(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, output: () => ({ stdout, stderr }) };
}

describe('src/main.ts', () => {
  it('stops with one clear line and a non-zero code on a malformed REDIS_URL', async () => {
    const { child, output } = startMain({ ...baseEnv(), REDIS_URL: 'localhost:6379' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(output().stderr.trim()).toBe(
      "Invalid configuration: REDIS_URL: expected a URL starting with redis:// or rediss://, got 'localhost:6379'",
    );
  });

  it('starts, logs JSON, and exits 0 on SIGTERM after closing everything', async () => {
    const { child, output } = startMain(baseEnv());
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${output().stderr}`)), 20_000);
      child.stdout.on('data', () => {
        if (output().stdout.includes('niryat setu started')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const lines = output()
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toContain('shutdown complete');
  });
});
