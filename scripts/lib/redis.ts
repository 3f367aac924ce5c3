/**
 * A throw-away Redis for the demo and the tests: Debian's redis-server on a free port, configured as a queue store
 * should be (AOF every second, no eviction). Installed with apt-get when missing and we are root.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { ServiceUnavailableError } from '../../src/errors.js';
import { spawnOwned, stopChild, waitForLine } from './child.js';
import { endServerLeftOn, forgetServer, recordServer } from './data-dir-owner.js';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function hasRedisServer(): Promise<boolean> {
  try {
    await run('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
}

export async function ensureRedisServer(log: (line: string) => void = () => {}): Promise<void> {
  if (await hasRedisServer()) return;
  if (process.getuid?.() !== 0) {
    throw new ServiceUnavailableError(
      'redis',
      "redis-server is not installed; run 'apt-get install redis-server' as root or set REDIS_URL",
    );
  }
  log('installing redis-server with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', 'redis-server'], { env });
}

/** `port` pins the port (a restart that clients must find again); a free one is taken otherwise. */
export async function startRedis(
  dataDir: string,
  log?: (line: string) => void,
  options: { port?: number } = {},
): Promise<RunningRedis> {
  await ensureRedisServer(log);
  mkdirSync(dataDir, { recursive: true });
  const leftOver = await endServerLeftOn(dataDir, 'redis-server');
  if (leftOver !== undefined) log?.(`ended a redis-server left running on ${dataDir} (pid ${leftOver})`);
  let lastError: unknown;
  // A free port can be taken between asking and binding; try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort());
    const child = spawnOwned('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--loglevel',
      'notice',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ]);
    try {
      // redis-server logs to stdout; "Ready to accept connections" marks it as serving.
      await waitForLine(child, /Ready to accept connections/, 15_000, 'redis-server');
      recordServer(dataDir, child.pid);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          await stopChild(child);
          forgetServer(dataDir);
        },
      };
    } catch (error) {
      lastError = error;
      await stopChild(child, 1000);
    }
  }
  throw new ServiceUnavailableError('redis', `could not start redis-server: ${(lastError as Error).message}`, {
    cause: lastError,
  });
}
