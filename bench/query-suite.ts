import { performance } from 'node:perf_hooks';
import type { BenchDataset } from './dataset.js';
import type { BenchEngine } from './engines/bench-engine.js';
import { QUERIES, QUERY_IDS, answerOf, type Answer, type QueryId } from './queries.js';

export interface QueryMeasurement {
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly answer?: Answer;
  readonly error?: string;
}

export interface QuerySuiteResult {
  /** engine name -> query -> measurement */
  readonly byEngine: ReadonlyMap<string, ReadonlyMap<QueryId, QueryMeasurement>>;
  readonly engineNames: readonly string[];
  /** Human-readable disagreements and failures; any entry fails the run. */
  readonly failures: readonly string[];
}

export interface QuerySuiteOptions {
  readonly reps: number;
  readonly log: (line: string) => void;
  /** A warm-up slower than this runs fewer timed repetitions, to bound the total runtime. */
  readonly slowWarmupMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs Q1-Q5 on every engine: one warm-up, then `reps` timed runs, medians. The first engine is the
 * reference: every other engine's answer must reduce to the same checksum.
 */
export async function runQuerySuite(
  engines: readonly BenchEngine[],
  data: BenchDataset,
  options: QuerySuiteOptions,
): Promise<QuerySuiteResult> {
  const byEngine = new Map<string, Map<QueryId, QueryMeasurement>>();
  const failures: string[] = [];
  for (const engine of engines) {
    await engine.activate?.();
    const perQuery = new Map<QueryId, QueryMeasurement>();
    byEngine.set(engine.name, perQuery);
    for (const id of QUERY_IDS) {
      const m = await measure(engine, id, data, options);
      perQuery.set(id, m);
      options.log(
        `  ${engine.name.padEnd(24)} ${id}: ${m.error === undefined ? `${m.medianMs.toFixed(1)} ms (${m.samplesMs.map((s) => s.toFixed(0)).join(', ')}) ${m.answer?.checksum}` : `FAILED ${m.error}`}`,
      );
      if (m.error !== undefined) failures.push(`${engine.name} ${id} failed: ${m.error}`);
    }
  }
  const reference = engines[0].name;
  for (const id of QUERY_IDS) {
    const ref = byEngine.get(reference)?.get(id)?.answer;
    if (ref === undefined) continue;
    if (ref.detail.includes('INVALID')) failures.push(`${reference} ${id} returned rows not in the data:\n${ref.detail}`);
    for (const engine of engines.slice(1)) {
      const got = byEngine.get(engine.name)?.get(id)?.answer;
      if (got === undefined || got.checksum === ref.checksum) continue;
      failures.push(
        `${id}: ${engine.name} disagrees with ${reference} (${QUERIES[id].esql})\n` +
          `--- ${reference} (${ref.rows} rows, checksum ${ref.checksum})\n${ref.detail}\n` +
          `--- ${engine.name} (${got.rows} rows, checksum ${got.checksum})\n${got.detail}`,
      );
    }
  }
  return { byEngine, engineNames: engines.map((e) => e.name), failures };
}

async function measure(engine: BenchEngine, id: QueryId, data: BenchDataset, options: QuerySuiteOptions): Promise<QueryMeasurement> {
  try {
    gc?.();
    const warmStart = performance.now();
    const warmRows = await engine.run(id);
    const warmMs = performance.now() - warmStart;
    const answer = answerOf(id, warmRows, data);
    const reps = warmMs > options.slowWarmupMs ? Math.min(3, options.reps) : options.reps;
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      gc?.();
      const start = performance.now();
      const rows = await engine.run(id);
      samples.push(performance.now() - start);
      const again = answerOf(id, rows, data);
      // An engine must not answer differently from one run to the next.
      if (again.checksum !== answer.checksum) {
        return { samplesMs: samples, medianMs: NaN, answer, error: `run ${i + 1} answered ${again.checksum}, warm-up ${answer.checksum}` };
      }
    }
    return { samplesMs: samples, medianMs: median(samples), answer };
  } catch (e) {
    const err = e as Error;
    return { samplesMs: [], medianMs: NaN, error: `${err.name}: ${err.message}`.slice(0, 400) };
  }
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
