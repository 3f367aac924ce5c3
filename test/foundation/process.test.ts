/** The real entry point as an operator starts it: bad config, start-up, SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.js';
import { postSignedInbound, whatsappInboundParams } from '../../scripts/twilio-local/inbound.js';
import { startLocalTwilio } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';
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

/** Every child started, so that a failed test leaves none running (they would hold ports and CPU). */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startMain(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
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

describe('src/main.ts', { timeout: 60_000 }, () => {
  it('stops with one clear line and a non-zero code on a malformed REDIS_URL', async () => {
    const { child, output } = startMain({ ...baseEnv(), REDIS_URL: 'localhost:6379' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(output().stderr.trim()).toBe(
      "Invalid configuration: REDIS_URL: expected a URL starting with redis:// or rediss://, got 'localhost:6379'",
    );
  });

  /** Resolves once the process has logged that it started. */
  function started({ child, output }: ReturnType<typeof startMain>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // tsx compiles the sources at start: on a 2-core machine busy with the rest of the suite that alone takes many seconds.
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${output().stderr}`)), 45_000);
      child.stdout.on('data', () => {
        if (output().stdout.includes('niryat setu started')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  it('starts, logs JSON, and exits 0 on SIGTERM after closing everything', async () => {
    const { child, output } = startMain(baseEnv());
    await started({ child, output });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const lines = output()
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toContain('shutdown complete');
  });

  it('with ROLE=all answers a webhook through its worker thread, and stops the thread with the process', async () => {
    const twilio = await startLocalTwilio(60_000);
    const port = await freePort();
    const env = {
      ...baseEnv(),
      ROLE: 'all',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TWILIO_API_BASE_URL: twilio.url,
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'test-auth-token-123',
    };
    const main = startMain(env);
    try {
      await started(main);
      const phone = uniquePhone();
      const params = whatsappInboundParams({
        from: phone,
        to: env.TWILIO_WHATSAPP_FROM,
        body: 'hi',
        accountSid: env.TWILIO_ACCOUNT_SID,
      });
      const webhookUrl = `${env.PUBLIC_BASE_URL}/webhooks/whatsapp/inbound`;
      const response = await postSignedInbound({ webhookUrl, authToken: env.TWILIO_AUTH_TOKEN, params });
      expect(response.status).toBe(200);
      const replies = await twilio.waitForMessages(2, { to: phone, timeoutMs: 15_000 });
      expect(replies[0]?.body).toContain('नमस्ते');

      main.child.kill('SIGTERM');
      const [code] = await once(main.child, 'exit');
      expect(code).toBe(0);
      const lines = main
        .output()
        .stdout.trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; thread?: string });
      // Both shut down: the web server on the main thread, then the queue workers in theirs.
      const completions = lines.filter((line) => line.msg === 'shutdown complete');
      expect(completions.map((line) => line.thread ?? 'main').sort()).toEqual(['main', 'workers']);
    } finally {
      main.child.kill('SIGKILL');
      await twilio.close();
    }
  });
});
