/**
 * The express app factory. Everything the app needs comes in through `deps` (no globals), so a test can build an
 * app on its own database and queues, and web and worker roles share nothing by accident.
 */
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log.js';
import { healthRoutes, type ReadinessChecks } from './health.js';
import type { Metrics } from '../metrics.js';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessChecks;
  bodyLimitKb: number;
  /** Feature routers (webhooks, simulator, admin), mounted in order after health and metrics. */
  routers?: Router[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy the public URL is configured (PUBLIC_BASE_URL), never guessed from forwarded headers.
  app.set('trust proxy', false);

  const accessLog = pinoHttp({
    logger: deps.logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
  app.use((req, res, next) => {
    // Delivery reports come four to a message and say nothing an operator reads line by line (the outbound
    // documents keep their outcome); an access log entry, child logger included, would cost more than the report.
    // Their handler still logs a refused one through the plain logger.
    if (!isDeliveryReport(req.url)) return accessLog(req, res, next);
    req.log = deps.logger;
    next();
  });
  app.use((req, res, next) => {
    const stop = deps.metrics.httpRequestDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });

  const limit = `${deps.bodyLimitKb}kb`;
  app.use(express.urlencoded({ extended: false, limit, parameterLimit: 200 }));
  app.use(express.json({ limit }));

  app.use(healthRoutes(deps.readiness));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  for (const router of deps.routers ?? []) app.use(router);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(errorHandler);
  return app;
}

function isDeliveryReport(url: string | undefined): boolean {
  return url !== undefined && /^\/webhooks\/[^/]+\/status(?:\?|$)/.test(url);
}

/** Body-parser errors carry a status (400 malformed, 413 too large); anything else is ours and logged as such. */
const errorHandler: ErrorRequestHandler = (
  error: { status?: number; type?: string; message?: string },
  req,
  res,
  _next,
) => {
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) req.log.error({ err: error }, 'request failed');
  else req.log.warn({ type: error.type, status }, error.message ?? 'bad request');
  res
    .status(status)
    .json({ error: status === 413 ? 'payload_too_large' : status === 500 ? 'internal_error' : 'bad_request' });
};
