import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { testConfig } from '../support/config.js';

describe('HTTP skeleton on the real stores', () => {
  let runtime: Runtime;
  let releaseSlow: () => void = () => {};
  let markSlowStarted: () => void = () => {};
  const slowStarted = new Promise<void>((resolve) => {
    markSlowStarted = resolve;
  });

  beforeAll(async () => {
    const probe = Router();
    probe.get('/test/slow', async (_req, res) => {
      markSlowStarted();
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      res.json({ finished: true });
    });
    runtime = await startRuntime(testConfig(), createLogger('silent'), { extraRouters: [probe] });
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('answers /healthz and /readyz when MongoDB and Redis are reachable', async () => {
    expect(await (await fetch(`${runtime.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${runtime.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { mongodb: 'ok', redis: 'ok' } });
  });

  it('exposes Prometheus metrics', async () => {
    const text = await (await fetch(`${runtime.url}/metrics`)).text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('answers 413 to an oversized body and 400 to malformed JSON', async () => {
    const big = await fetch(`${runtime.url}/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Body=${'a'.repeat(100 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'payload_too_large' });
    const malformed = await fetch(`${runtime.url}/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"From": ',
    });
    expect(malformed.status).toBe(400);
  });

  it('lets an in-flight request finish on shutdown, then refuses new ones', async () => {
    const inFlight = fetch(`${runtime.url}/test/slow`);
    await slowStarted;
    const stopping = runtime.shutdown.run('SIGTERM');
    setTimeout(() => releaseSlow(), 200);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    await expect(fetch(`${runtime.url}/healthz`)).rejects.toThrow();
  });
});

describe('readiness when a store is gone', () => {
  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const runtime = await startRuntime(testConfig(), createLogger('silent'));
    try {
      runtime.redis.disconnect();
      const ready = await fetch(`${runtime.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', checks: { mongodb: 'ok', redis: 'unavailable' } });
    } finally {
      await runtime.stop();
    }
  });
});
