/**
 * Prometheus metrics (prom-client), one registry per server so several servers in one process (tests) do
 * not share counters. Labels are routes and outcomes only: never a manifest id, exporter or key.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  verdicts: Counter<'outcome'>;
  ledgerErrors: Counter<'operation'>;
  reloads: Counter<'result'>;
  packSetInfo: Gauge<'digest'>;
}

export function createMetrics(defaults = true): Metrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'xborder_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'xborder_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers }),
    latency: new Histogram({
      name: 'xborder_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'], registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    verdicts: new Counter({ name: 'xborder_verdicts_total', help: 'Results by outcome (pass, review, fail, error)', labelNames: ['outcome'], registers }),
    ledgerErrors: new Counter({ name: 'xborder_ledger_errors_total', help: 'Ledger operations that failed', labelNames: ['operation'], registers }),
    reloads: new Counter({ name: 'xborder_pack_reloads_total', help: 'Rule-pack reloads by result', labelNames: ['result'], registers }),
    packSetInfo: new Gauge({ name: 'xborder_pack_set_info', help: 'The active pack set (value 1)', labelNames: ['digest'], registers }),
  };
}
