import { Worker } from 'node:worker_threads';
import { percentile } from '../query-suite.js';
import type { StopLatencyInput, StopLatencyOutput } from './stop-latency-worker.js';

export interface StopLatencyFigure {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly partial: number;
  readonly completedBeforeStop: number;
  readonly heavyCompleted: number;
  readonly errors: readonly string[];
}

const HEAVY = 'FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10';
const TARGET = 'FROM logs | STATS c = COUNT(*), total = SUM(bytes) BY host, message';

/** Stop latency on the in-process node (which holds the dataset) while 4 heavy queries run on it. */
export async function measureStopLatency(url: string, samples: number, maxMs: number): Promise<StopLatencyFigure> {
  const input: StopLatencyInput = { url, heavyQuery: HEAVY, targetQuery: TARGET, heavyCount: 4, samples, maxMs };
  const worker = new Worker(new URL('./stop-latency-worker.js', import.meta.url), { workerData: input });
  const out = await new Promise<StopLatencyOutput>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return {
    samples: out.stopMs.length,
    p50Ms: percentile(out.stopMs, 50),
    p99Ms: percentile(out.stopMs, 99),
    maxMs: Math.max(...out.stopMs),
    partial: out.partial,
    completedBeforeStop: out.completedBeforeStop,
    heavyCompleted: out.heavyCompleted,
    errors: out.errors,
  };
}
