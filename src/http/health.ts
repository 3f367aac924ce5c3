import { Router } from 'express';

/** Each check answers whether one dependency is usable right now. */
export type ReadinessChecks = Record<string, () => Promise<boolean>>;

/**
 * `/healthz`: the process is alive (no dependency checked, so a Redis outage does not get every pod restarted).
 * `/readyz`: every dependency answers; 503 with the failing ones named otherwise, so a load balancer stops routing.
 */
export function healthRoutes(checks: ReadinessChecks): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => withTimeout(checks[name]!(), 2_000)));
    const status = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'unavailable']));
    const ready = results.every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: status });
  });
  return router;
}

async function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
