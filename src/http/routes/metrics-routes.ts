import type { FastifyInstance } from 'fastify';
import type { HistogramSnapshot } from '../latency-histogram.js';
import { QueryMetrics, type MetricsSnapshot } from '../query-metrics.js';
import { sendBody } from '../route-context.js';

/** `GET /_metrics`: Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function registerMetricsRoutes(app: FastifyInstance, metrics: QueryMetrics): void {
  app.get('/_metrics', async (_request, reply) => sendBody(reply, PROMETHEUS_CONTENT_TYPE, renderMetrics(metrics.snapshot())));
}

export function renderMetrics(s: MetricsSnapshot): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family('qactor_queries', 'gauge', 'Queries submitted on this node that are not done, by state.');
  for (const state of QueryMetrics.liveStates) out.push(`qactor_queries{state="${state}"} ${s.byState[state]}`);

  family('qactor_queries_submitted_total', 'counter', 'Queries submitted on this node (sync and async).');
  out.push(`qactor_queries_submitted_total ${s.submitted}`);

  family('qactor_queries_done_total', 'counter', 'Queries submitted on this node that reached done, by outcome.');
  for (const outcome of QueryMetrics.outcomes) out.push(`qactor_queries_done_total{outcome="${outcome}"} ${s.finished[outcome]}`);

  const histogram = (name: string, help: string, h: HistogramSnapshot) => {
    family(name, 'histogram', help);
    h.bounds.forEach((le, i) => out.push(`${name}_bucket{le="${le}"} ${h.buckets[i]}`));
    out.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sumSeconds}`, `${name}_count ${h.count}`);
  };
  histogram('qactor_stop_latency_seconds', 'Time from a stop request to its answer (the pipeline drained).', s.stopLatency);
  histogram(
    'qactor_status_bus_lag_seconds',
    'Time from publishing a status event on the status bus to its delivery to a subscriber on this node.',
    s.busLag,
  );

  const gauge = (name: string, help: string, value: number | undefined) => {
    if (value === undefined) return;
    family(name, 'gauge', help);
    out.push(`${name} ${value}`);
  };
  gauge('qactor_active_actors', 'Query actors held by this node (queued, running or finishing).', s.gauges.activeActors);
  gauge('qactor_running_queries', 'Queries holding a running slot on this node.', s.gauges.runningSlots);
  gauge('qactor_queued_queries', 'Queries waiting for a running slot on this node.', s.gauges.queuedQueries);
  gauge('qactor_ws_clients', 'Open WebSocket connections to /_query/ws.', s.gauges.wsClients);
  return out.join('\n') + '\n';
}
