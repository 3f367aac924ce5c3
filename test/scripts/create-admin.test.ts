/**
 * `npm run console:create-admin`: the first administrator is created from the command line with the password on
 * stdin; a weak password and a taken username are refused with one clear line; nothing printed carries the
 * password or its hash, and the account signs in.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyPassword } from '../../src/console/passwords.js';
import { createOfficers } from '../../src/domain/officers/officers.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo } from '../../src/persistence/mongo.js';
import { redisUrl, uniqueMongoUri } from '../support/services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PASSWORD = 'Sagar-ODOP-2026 rice';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function createAdmin(env: NodeJS.ProcessEnv, stdin: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/create-admin.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

it('creates an administrator and a viewer, refusing weak passwords and taken usernames', async () => {
  const mongodbUri = uniqueMongoUri();
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: mongodbUri,
    REDIS_URL: redisUrl(),
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'test-auth-token-123',
    TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
    PUBLIC_BASE_URL: 'https://niryat.example.in',
  };

  const created = await createAdmin(env, `${PASSWORD}\n`, '--username', 'RK.Sharma', '--name', 'R K Sharma');
  expect(created).toMatchObject({ code: 0, stderr: '' });
  expect(created.stdout).toBe(
    'created administrator rk.sharma (R K Sharma)\nsign in at https://niryat.example.in/admin/login\n',
  );

  const weak = await createAdmin(env, 'short\n', '--username', 'weak.one', '--name', 'Weak');
  expect(weak.code).toBe(1);
  expect(weak.stderr).toMatch(/at least 12 characters/);

  const taken = await createAdmin(env, `${PASSWORD}\n`, '--username', 'rk.sharma', '--name', 'Again');
  expect(taken.code).toBe(1);
  expect(taken.stderr).toBe("an officer with the username 'rk.sharma' already exists\n");

  const viewer = await createAdmin(
    env,
    `${PASSWORD}\n`,
    '--username',
    'asha.v',
    '--name',
    'Asha V',
    '--role',
    'viewer',
  );
  expect(viewer).toMatchObject({ code: 0 });
  expect(viewer.stdout).toContain('created viewer asha.v (Asha V)');

  const usage = await createAdmin(env, `${PASSWORD}\n`, '--username', 'no.name');
  expect(usage.code).toBe(1);
  expect(usage.stderr).toMatch(/^usage: npm run console:create-admin/);

  for (const run of [created, weak, taken, viewer, usage]) {
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(run.stdout + run.stderr).not.toMatch(/scrypt\$/);
  }

  const mongo = await connectMongo({ uri: mongodbUri, autoIndex: false });
  try {
    const officers = createOfficers(registerModels(mongo).officers);
    const admin = await officers.findForSignIn('rk.sharma');
    expect(admin).toMatchObject({ role: 'admin', displayName: 'R K Sharma', disabled: false });
    expect(await verifyPassword(PASSWORD, admin!.passwordHash)).toBe(true);
    expect(await officers.findByUsername('asha.v')).toMatchObject({ role: 'viewer' });
    expect(await officers.findByUsername('weak.one')).toBeNull();
  } finally {
    await mongo.close();
  }
}, 90_000);
