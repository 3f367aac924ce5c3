/**
 * Prometheus metrics. One registry per process (not prom-client's global), so tests can build several apps.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  inboundMessages: Counter<'channel' | 'outcome'>;
  outboundMessages: Counter<'channel' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    inboundMessages: new Counter({
      name: 'inbound_messages_total',
      help: 'Inbound messages by outcome (accepted, duplicate, rejected)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    outboundMessages: new Counter({
      name: 'outbound_messages_total',
      help: 'Outbound send attempts by outcome (sent, retry, failed)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
  };
}
