/**
 * Starts the services the bot needs and that are not given: FerretDB unless MONGODB_URI is set, Redis unless
 * REDIS_URL is set. Used by the demo, vitest's global setup and the benchmarks; run alone it prints the URIs and
 * keeps them up until Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFerretDB } from './lib/ferretdb.js';
import { startRedis } from './lib/redis.js';

export interface LocalServices {
  /** Server URI without a database name, ending in '/'. */
  mongodbUri: string;
  redisUrl: string;
  /** What was started here (not given by the environment). */
  started: string[];
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  /** Keep data here between runs (the demo); a fresh temporary directory, removed at stop, otherwise. */
  dataDir?: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export async function startLocalServices(options: LocalServicesOptions = {}): Promise<LocalServices> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'niryat-services-'));
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const stop = async () => {
    await Promise.allSettled(stops.reverse().map((s) => s()));
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const [mongodbUri, redisUrl] = await Promise.all([
      env.MONGODB_URI
        ? Promise.resolve(env.MONGODB_URI)
        : startFerretDB(join(dataDir, 'ferretdb'), log).then((f) => {
            stops.push(f.stop);
            started.push('ferretdb');
            return f.uri;
          }),
      env.REDIS_URL
        ? Promise.resolve(env.REDIS_URL)
        : startRedis(join(dataDir, 'redis'), log).then((r) => {
            stops.push(r.stop);
            started.push('redis');
            return r.url;
          }),
    ]);
    return { mongodbUri, redisUrl, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `--data <dir>` keeps the data (and finds a server left running there); a temporary folder otherwise.
  const dataFlag = process.argv.indexOf('--data');
  const dataDir = dataFlag > 0 ? process.argv[dataFlag + 1] : undefined;
  const services = await startLocalServices({ log: console.log, ...(dataDir ? { dataDir } : {}) });
  console.log(`MONGODB_URI=${services.mongodbUri}`);
  console.log(`REDIS_URL=${services.redisUrl}`);
  console.log('Ctrl-C stops them.');
  const shutdown = () => void services.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
