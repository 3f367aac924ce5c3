/**
 * Local services end with whoever started them, even when it is killed with SIGKILL and runs no exit hook, and a
 * start never runs a second server on a data folder that still has one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { alive } from '../../scripts/lib/data-dir-owner.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startRedis } from '../../scripts/lib/redis.js';
import { eventually } from '../support/eventually.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const pidIn = (dir: string) => Number(readFileSync(join(dir, 'server.pid'), 'utf8'));
const parentOf = (pid: number) => Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (pattern.test(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`services exited with ${code}`)));
  });
}

describe('local services', () => {
  it('end when the process that started them is killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'niryat-orphans-'));
    dirs.push(dataDir);
    const services = spawn('npx', ['tsx', 'scripts/services.ts', '--data', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForOutput(services, /^Ctrl-C stops them/);
    const redis = pidIn(join(dataDir, 'redis'));
    const ferretdb = pidIn(join(dataDir, 'ferretdb'));
    expect(alive(redis) && alive(ferretdb)).toBe(true);

    // The node process that spawned them (tsx runs the script in a child of npx), killed with no chance to clean up.
    const owner = parentOf(redis);
    expect(parentOf(ferretdb)).toBe(owner);
    process.kill(owner, 'SIGKILL');

    await eventually(() => {
      expect(alive(redis)).toBe(false);
      expect(alive(ferretdb)).toBe(false);
    });
    services.kill('SIGKILL');
  }, 60_000);

  it('end a server left running on the data folder before starting, and say so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'niryat-leftover-'));
    dirs.push(dataDir);
    // A redis-server nobody owns any more, on the folder, as an older demo would have left it.
    const port = String(await freePort());
    const stray = spawn('redis-server', ['--port', port, '--dir', dataDir, '--save', '', '--appendonly', 'no'], {
      detached: true,
      stdio: 'ignore',
    });
    stray.unref();
    writeFileSync(join(dataDir, 'server.pid'), `${stray.pid}\n`);
    await eventually(() => expect(readFileSync(`/proc/${stray.pid}/cmdline`, 'utf8')).toContain(`:${port}`));

    const said: string[] = [];
    const redis = await startRedis(dataDir, (line) => said.push(line));
    try {
      expect(said).toContain(`ended a redis-server left running on ${dataDir} (pid ${stray.pid})`);
      expect(alive(stray.pid!)).toBe(false);
      expect(pidIn(dataDir)).not.toBe(stray.pid);
    } finally {
      await redis.stop();
    }
  }, 30_000);
});
