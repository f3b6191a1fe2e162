import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { taskCancelled } from '../../src/errors.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult, QueryEngine, Value } from '../../src/esql/query-engine.js';
import { ParallelQueryEngine, SplitPreparedQuery } from '../../src/parallel/parallel-query-engine.js';
import { WorkerPool } from '../../src/parallel/worker-pool.js';
import { queryWorkerUrl } from '../../src/parallel/worker-url.js';
import { Catalog } from '../../src/storage/catalog.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { systemSleep } from '../support/system-sleep.js';
import { cutSegments } from './split-harness.js';

/**
 * Live previews and hard stops of split queries on real worker threads. DELAY holds every row 1 ms,
 * so 2,400 rows in 4 chunks of 600 on 2 workers run for a second or two, long enough to look inside.
 */
const MB = 1024 * 1024;
const NOW = Date.UTC(2024, 5, 1);
const SLOW = 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*) BY status | SORT status';
const catalog = new Catalog();
catalog.put(cutSegments(generateLogs(2_400), 300)); // 8 segments
const plain = new EsqlEngine(catalog, { testFunctions: true });
let pool: WorkerPool;
let parallel: ParallelQueryEngine;

beforeAll(() => {
  pool = new WorkerPool({ size: 2, workerUrl: queryWorkerUrl(), testFunctions: true });
  parallel = new ParallelQueryEngine(plain, { pool, catalog, queryMemoryBytes: 64 * MB, testFunctions: true, chunksPerWorker: 2 });
});

afterAll(async () => {
  await pool?.close();
});

function start(engine: QueryEngine, query: string, signal = new AbortController().signal) {
  const blockFactory = new BlockFactory(new MemoryBudget(64 * MB, 'request'), new MemoryBudget(512 * MB, 'parent'));
  const prepared = engine.prepare(query, { nowMs: NOW });
  return { prepared, blockFactory, execution: prepared.execute({ signal, blockFactory, sleep: systemSleep }) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const countsByStatus = (values: readonly (readonly Value[])[]) => new Map(values.map(([c, status]) => [status, c as number]));
const total = (r: EngineResult) => r.values.reduce((n, [c]) => n + (c as number), 0);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('split query previews over 2 workers', () => {
  it('previews grow while the workers run, never past the final answer, which they leave untouched', async () => {
    const split = start(parallel, SLOW);
    expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
    const unsplit = start(plain, SLOW);
    // Nothing merged yet: like a pipeline that has nothing to show.
    expect(split.execution.preview?.()).toBeUndefined();
    let settled = false;
    const result = split.execution.result.finally(() => (settled = true));
    const seen: EngineResult[] = [];
    while (!settled) {
      const preview = split.execution.preview?.();
      if (preview !== undefined && preview !== seen[seen.length - 1]) seen.push(preview);
      await pause(10);
    }
    const final = await result;
    const want = await unsplit.execution.result;

    expect(final.values).toEqual(want.values);
    expect(final.isPartial).toBe(false);
    expect(final.warnings).toEqual(want.warnings);
    expect(final.documentsFound).toBe(2_400);
    expect(split.execution.preview?.()).toBeUndefined();

    expect(seen.some((p) => total(p) > 0 && total(p) < 2_400)).toBe(true);
    const finalCounts = countsByStatus(final.values);
    let previous = new Map<Value, number>();
    for (const p of seen) {
      expect(p.isPartial).toBe(true);
      expect(p.columns).toEqual(final.columns);
      const counts = countsByStatus(p.values);
      for (const [status, c] of counts) expect(c).toBeLessThanOrEqual(finalCounts.get(status)!);
      for (const [status, c] of previous) expect(counts.get(status) ?? 0).toBeGreaterThanOrEqual(c);
      previous = counts;
    }
  });

  it('a hard stop answers with the last preview; a stop answers with at least its rows', async () => {
    const abort = new AbortController();
    const hard = start(parallel, SLOW, abort.signal);
    await expect.poll(() => total(hard.execution.preview?.() ?? { values: [] } as unknown as EngineResult), { timeout: 30_000 }).toBeGreaterThan(0);
    const shown = hard.execution.preview!()!;
    const stopped = hard.execution.hardStop!();
    expect(stopped.isPartial).toBe(true);
    expect(stopped.columns.map((c) => c.name)).toEqual(['c', 'status']);
    expect(stopped.values).toEqual(shown.values);
    abort.abort(taskCancelled('hard stop after the stop grace delay'));
    await rejection(hard.execution.result);
    expect(hard.execution.preview?.()).toBeUndefined();

    const soft = start(parallel, SLOW);
    await expect.poll(() => total(soft.execution.preview?.() ?? { values: [] } as unknown as EngineResult), { timeout: 30_000 }).toBeGreaterThan(0);
    const before = countsByStatus(soft.execution.preview!()!.values);
    soft.execution.finishEarly();
    const answer = await soft.execution.result;
    expect(answer.isPartial).toBe(true);
    const after = countsByStatus(answer.values);
    for (const [status, c] of before) expect(after.get(status)).toBeGreaterThanOrEqual(c);
    expect(total(answer)).toBeLessThan(2_400);
    await expect.poll(() => pool.runningFragments).toBe(0);
  });
});
