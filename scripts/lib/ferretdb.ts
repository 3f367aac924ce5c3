/**
 * The local MongoDB-compatible server: FerretDB 1.24 embedded in the Go program under scripts/ferretdb, on its
 * SQLite backend. The binary is built once with the machine's Go and cached under .cache/, keyed by the source's
 * hash, so a changed go.mod or main.go rebuilds it and an unchanged one starts in well under a second.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceUnavailableError } from '../../src/errors.js';
import { spawnOwned, stopChild, waitForLine } from './child.js';
import { endServerLeftOn, forgetServer, recordServer } from './data-dir-owner.js';
import { PROJECT_ROOT } from './paths.js';

const run = promisify(execFile);
const SOURCE_DIR = join(PROJECT_ROOT, 'scripts', 'ferretdb');

export interface RunningFerretDB {
  uri: string;
  stop(): Promise<void>;
}

function binaryPath(): string {
  const hash = createHash('sha256');
  const sources = readdirSync(SOURCE_DIR)
    .filter((file) => file === 'go.mod' || file === 'go.sum' || file.endsWith('.go'))
    .sort();
  for (const file of sources) hash.update(file).update(readFileSync(join(SOURCE_DIR, file)));
  return join(PROJECT_ROOT, '.cache', 'ferretdb', `ferretdb-${hash.digest('hex').slice(0, 12)}`);
}

/** Builds the FerretDB program if this version of its source has not been built yet; returns the binary's path. */
export async function ensureFerretDBBinary(log: (line: string) => void = () => {}): Promise<string> {
  const binary = binaryPath();
  if (existsSync(binary)) return binary;
  mkdirSync(join(PROJECT_ROOT, '.cache', 'ferretdb'), { recursive: true });
  log('building the local FerretDB server (first run only, about 2 minutes)…');
  try {
    await run('go', ['build', '-trimpath', '-o', binary, '.'], {
      cwd: SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const detail =
      (error as { code?: string; stderr?: string }).code === 'ENOENT'
        ? "the 'go' command was not found; install Go 1.26 or set MONGODB_URI to an existing MongoDB"
        : `go build failed: ${(error as { stderr?: string }).stderr ?? String(error)}`;
    throw new ServiceUnavailableError('ferretdb', detail, { cause: error });
  }
  return binary;
}

/** `port` pins the port (a restart that clients must find again); the server picks a free one otherwise. */
export async function startFerretDB(
  dataDir: string,
  log?: (line: string) => void,
  options: { port?: number } = {},
): Promise<RunningFerretDB> {
  const binary = await ensureFerretDBBinary(log);
  mkdirSync(dataDir, { recursive: true });
  const leftOver = await endServerLeftOn(dataDir, 'ferretdb');
  if (leftOver !== undefined) log?.(`ended a FerretDB left running on ${dataDir} (pid ${leftOver})`);
  const child = spawnOwned(binary, ['--dir', dataDir, '--port', String(options.port ?? 0)]);
  try {
    const match = await waitForLine(child, /^READY (\S+)$/, 30_000, 'FerretDB');
    recordServer(dataDir, child.pid);
    return {
      uri: match[1]!,
      stop: async () => {
        await stopChild(child);
        forgetServer(dataDir);
      },
    };
  } catch (error) {
    await stopChild(child, 1000);
    throw new ServiceUnavailableError('ferretdb', (error as Error).message, { cause: error });
  }
}
