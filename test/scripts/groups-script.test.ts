/**
 * `npm run groups`: an officer creates a group from the command line and gets its join link; a taken code is
 * refused with one clear line; the list shows it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { redisUrl, uniqueMongoUri } from '../support/services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

it('creates a group, refuses its code twice, and lists it', async () => {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: uniqueMongoUri(),
    REDIS_URL: redisUrl(),
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'test-auth-token-123',
    TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
  };
  const groups = (...args: string[]) => run('npx', ['tsx', 'scripts/groups.ts', ...args], { cwd: ROOT, env });

  const created = await groups('create', 'soya12', 'Soya Traders', '--focus', 'soybean-meal');
  expect(created.stdout).toContain('created SOYA12: Soya Traders');
  expect(created.stdout).toContain('https://wa.me/14155238886?text=JOIN%20SOYA12');
  await expect(groups('create', 'SOYA12', 'Again')).rejects.toMatchObject({
    stderr: 'a group with invite code SOYA12 exists already\n',
  });
  expect((await groups()).stdout).toContain('SOYA12  Soya Traders  0 members  soybean-meal');
}, 60_000);
