/**
 * Redis connections for BullMQ. Producers (web) and consumers (workers) need different settings, as BullMQ's own
 * split of Queue and Worker shows: a worker blocks on its connection and must never give up on a command
 * (`maxRetriesPerRequest: null`), while a web request adding a job should fail fast when Redis is gone.
 */
import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole = 'producer' | 'worker' | 'client';

export function createRedisConnection(url: string, role: RedisRole): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: role === 'client', connectTimeout: 5_000 };
  const connection = new Redis(url, { ...options, lazyConnect: false, connectionName: `niryat-${role}` });
  // Without a listener ioredis prints every reconnect attempt as an unhandled error.
  connection.on('error', () => {});
  return connection;
}

export async function pingRedis(connection: Redis): Promise<boolean> {
  try {
    return (await connection.ping()) === 'PONG';
  } catch {
    return false;
  }
}
