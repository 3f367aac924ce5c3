/**
 * Per-test handles on the shared services: every test gets its own database and its own queue prefix, so test
 * files can run in parallel against one FerretDB and one Redis.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A MongoDB URI pointing at a database no other test uses. */
export function uniqueMongoUri(): string {
  const server = inject('mongodbUri');
  const url = new URL(server);
  url.pathname = `/${uniqueName('t')}`;
  return url.toString();
}

export function redisUrl(): string {
  return inject('redisUrl');
}
