/**
 * Guessing passwords is made slow and then impossible: wrong passwords are counted per username and per address
 * in Redis (shared by every web process). After `maxFailures` for a username within the window, or
 * `maxFailuresPerAddress` from one address within an hour, that username or address is locked for `lockMinutes`,
 * right password or not. A right password clears the username's count.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginGuardOptions {
  redis: Redis;
  prefix: string;
  maxFailures: number;
  lockMinutes: number;
  /** Default 15 minutes. */
  windowMinutes?: number;
  /** Default 20 an hour. */
  maxFailuresPerAddress?: number;
}

export interface LoginAttempt {
  username: string;
  address: string;
}

export interface LoginGuard {
  /** Milliseconds until `attempt` may be tried; 0 when it may be now. */
  lockedFor(attempt: LoginAttempt): Promise<number>;
  /** Counts a wrong password; returns how many in a row for the username and how long it is locked now (0: not). */
  failed(attempt: LoginAttempt): Promise<{ failures: number; lockedForMs: number }>;
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export function createLoginGuard(options: LoginGuardOptions): LoginGuard {
  const lockSeconds = options.lockMinutes * 60;
  const limits = [
    {
      key: (attempt: LoginAttempt) => attempt.username,
      max: options.maxFailures,
      limiter: new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `${options.prefix}:console:login-fail:user`,
        points: options.maxFailures,
        duration: (options.windowMinutes ?? 15) * 60,
      }),
    },
    {
      key: (attempt: LoginAttempt) => attempt.address,
      max: options.maxFailuresPerAddress ?? 20,
      limiter: new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `${options.prefix}:console:login-fail:addr`,
        points: options.maxFailuresPerAddress ?? 20,
        duration: 60 * 60,
      }),
    },
  ];
  const lockedMs = (state: RateLimiterRes | null, max: number) =>
    state && state.consumedPoints >= max ? Math.max(1, state.msBeforeNext) : 0;

  return {
    async lockedFor(attempt) {
      const states = await Promise.all(limits.map(({ limiter, key }) => limiter.get(key(attempt))));
      return Math.max(...states.map((state, i) => lockedMs(state, limits[i]!.max)));
    },

    async failed(attempt) {
      const counts = await Promise.all(
        limits.map(async ({ limiter, key, max }) => {
          const state = await limiter.penalty(key(attempt), 1);
          if (state.consumedPoints < max) return { consumed: state.consumedPoints, lockedMs: 0 };
          // The lock starts at the failure that reached the limit, for its own length rather than the window's rest.
          await limiter.block(key(attempt), lockSeconds);
          return { consumed: state.consumedPoints, lockedMs: lockSeconds * 1000 };
        }),
      );
      return { failures: counts[0]!.consumed, lockedForMs: Math.max(...counts.map((count) => count.lockedMs)) };
    },

    async succeeded(attempt) {
      await limits[0]!.limiter.delete(limits[0]!.key(attempt));
    },
  };
}
