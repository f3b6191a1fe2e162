import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../src/storage/demo-logs.js';
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
 * Runs Q1-Q5 on every engine: one warm-up each, then `reps` rounds in which every engine runs the
 * query once, interleaved, so a burst of load from elsewhere on the machine hits all engines alike;
 * medians per engine. The first engine is the reference: every other engine's answer must reduce to
 * the same checksum.
 */
export async function runQuerySuite(
  engines: readonly BenchEngine[],
  data: BenchDataset,
  options: QuerySuiteOptions,
): Promise<QuerySuiteResult> {
  const byEngine = new Map<string, Map<QueryId, QueryMeasurement>>(engines.map((e) => [e.name, new Map()]));
  const failures: string[] = [];
  for (const id of QUERY_IDS) {
    const state = engines.map((engine) => ({ engine, samples: [] as number[], answer: undefined as Answer | undefined, error: undefined as string | undefined }));
    let slowest = 0;
    for (const s of state) {
      const warm = await timed(s.engine, id, data);
      if ('error' in warm) s.error = warm.error;
      else {
        s.answer = warm.answer;
        slowest = Math.max(slowest, warm.ms);
      }
    }
    const reps = slowest > options.slowWarmupMs ? Math.min(3, options.reps) : options.reps;
    for (let i = 0; i < reps; i++) {
      // A new order each round: a fixed order always put qactor right after multi-threaded DuckDB, whose
      // worker threads can still hold the 2 cores when its call returns.
      for (const s of shuffled(state, i + 1)) {
        if (s.error !== undefined) continue;
        const run = await timed(s.engine, id, data);
        if ('error' in run) s.error = run.error;
        // An engine must not answer differently from one run to the next.
        else if (run.answer.checksum !== s.answer?.checksum) s.error = `run ${i + 1} answered ${run.answer.checksum}, warm-up ${s.answer?.checksum}`;
        else s.samples.push(run.ms);
      }
    }
    for (const s of state) {
      const m: QueryMeasurement = {
        samplesMs: s.samples,
        medianMs: s.error === undefined ? median(s.samples) : NaN,
        ...(s.answer === undefined ? {} : { answer: s.answer }),
        ...(s.error === undefined ? {} : { error: s.error }),
      };
      byEngine.get(s.engine.name)?.set(id, m);
      options.log(
        `  ${s.engine.name.padEnd(24)} ${id}: ${m.error === undefined ? `${m.medianMs.toFixed(1)} ms (${m.samplesMs.map((x) => x.toFixed(0)).join(', ')}) ${m.answer?.checksum}` : `FAILED ${m.error}`}`,
      );
      if (m.error !== undefined) failures.push(`${s.engine.name} ${id} failed: ${m.error}`);
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

/** One timed run (activation and the checksum happen outside the clock). */
async function timed(engine: BenchEngine, id: QueryId, data: BenchDataset): Promise<{ ms: number; answer: Answer } | { error: string }> {
  try {
    await engine.activate?.();
    gc?.();
    const start = performance.now();
    const rows = await engine.run(id);
    const ms = performance.now() - start;
    return { ms, answer: answerOf(id, rows, data) };
  } catch (e) {
    const err = e as Error;
    return { error: `${err.name}: ${err.message}`.slice(0, 400) };
  }
}

/** `xs` in a seeded random order (Fisher-Yates), the same for the same seed. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
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
