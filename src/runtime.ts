/**
 * The composition root: connects the stores, builds the channels, queues, workers and the HTTP app for the
 * configured role, and registers their shutdown in the right order. `main.ts`, the demo, the tests and the
 * benchmarks all start the bot through here, so they run the same wiring.
 */
import type { Server } from 'node:http';
import type { Router } from 'express';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import type { Logger } from './log.js';
import { connectMongo, ensureIndexes, pingMongo } from './persistence/mongo.js';
import { createQueues, type Queues } from './queue/queues.js';
import { createRedisConnection, pingRedis } from './queue/redis-connections.js';
import { Shutdown } from './shutdown.js';
import { registerModels } from './persistence/models.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  mongo: Connection;
  redis: Redis;
  queues: Queues;
  /** Base URL the HTTP server listens on (web role only). */
  url: string | undefined;
  server: Server | undefined;
  shutdown: Shutdown;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Extra routers, mounted after the product's own (tests use this for probes). */
  extraRouters?: Router[];
}

export async function startRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const shutdown = new Shutdown(logger, config.shutdownTimeoutMs);
  const metrics = createMetrics();
  // Stores first; closing them is registered last so that in-flight work can still use them while it drains.
  const closeStores: Array<() => Promise<void>> = [];
  try {
    const mongo = await connectMongo({ uri: config.mongodbUri, autoIndex: config.env !== 'production' });
    closeStores.push(() => mongo.close());
    registerModels(mongo);
    await ensureIndexes(mongo);

    const redis = createRedisConnection(config.redisUrl, 'client');
    closeStores.push(async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    const producerConnection = createRedisConnection(config.redisUrl, 'producer');
    closeStores.push(async () => {
      await producerConnection.quit().catch(() => producerConnection.disconnect());
    });
    const queues = createQueues(producerConnection, config.queuePrefix);

    let server: Server | undefined;
    let url: string | undefined;
    if (config.role !== 'worker') {
      const app = createApp({
        logger,
        metrics,
        bodyLimitKb: config.http.bodyLimitKb,
        readiness: { mongodb: () => pingMongo(mongo), redis: () => pingRedis(redis) },
        routers: [...(options.extraRouters ?? [])],
      });
      server = await listen(app, config.http.host, config.http.port);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      const httpServer = server;
      shutdown.add('http', () => closeServer(httpServer));
    }

    shutdown.add('queues', () => queues.close());
    for (const close of closeStores.reverse()) shutdown.add('store', close);

    return {
      config,
      logger,
      metrics,
      mongo,
      redis,
      queues,
      url,
      server,
      shutdown,
      stop: () => shutdown.run('stop'),
    };
  } catch (error) {
    await Promise.allSettled(closeStores.map((close) => close()));
    throw error;
  }
}

function listen(app: import('express').Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

/** Stops accepting connections and waits for in-flight requests; idle keep-alive sockets are closed at once. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
