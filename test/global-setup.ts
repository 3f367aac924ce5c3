/**
 * Starts the real services once for the whole run (FerretDB and Redis on free ports, unless MONGODB_URI or
 * REDIS_URL are given) and stops them after. Tests read the URIs with `inject()`.
 */
import type { TestProject } from 'vitest/node';
import { startLocalServices } from '../scripts/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const services = await startLocalServices({ log: (line) => console.log(`[services] ${line}`) });
  project.provide('mongodbUri', services.mongodbUri);
  project.provide('redisUrl', services.redisUrl);
  return () => services.stop();
}
