import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsError, taskCancelled } from '../../src/errors.js';
import type { QueryParams } from '../../src/esql/ast.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult, QueryEngine, Value } from '../../src/esql/query-engine.js';
import { ParallelQueryEngine, SplitPreparedQuery, segmentRanges } from '../../src/parallel/parallel-query-engine.js';
import { WorkerPool } from '../../src/parallel/worker-pool.js';
import { queryWorkerUrl } from '../../src/parallel/worker-url.js';
import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import { generateLogs } from '../../src/storage/demo-logs.js';

const MB = 1024 * 1024;
const NOW = Date.UTC(2024, 5, 1);
const catalog = new Catalog();
catalog.put(generateLogs(300_000)); // 37 segments
catalog.put(generateLogs(20_000, 1, 'small')); // 3 segments: not worth splitting
const plain = new EsqlEngine(catalog, { testFunctions: true });
let pool: WorkerPool;
let parallel: ParallelQueryEngine;

beforeAll(() => {
  pool = new WorkerPool({ size: 2, workerUrl: queryWorkerUrl(), testFunctions: true });
  parallel = new ParallelQueryEngine(plain, { pool, catalog, queryMemoryBytes: 64 * MB, testFunctions: true });
});

afterAll(async () => {
  await pool?.close();
});

const blockFactory = (bytes = 64 * MB) => new BlockFactory(new MemoryBudget(bytes, 'request'), new MemoryBudget(512 * MB, 'parent'));

function start(engine: QueryEngine, query: string, params?: QueryParams, signal = new AbortController().signal) {
  const prepared = engine.prepare(query, { nowMs: NOW, ...(params === undefined ? {} : { params }) });
  return { prepared, execution: prepared.execute({ signal, blockFactory: blockFactory(), sleep: clockSleep(new SystemClock()) }) };
}

/** Sums of doubles are added in another order when split: compare them to 1e-9 relative. */
function expectSameRows(got: readonly (readonly Value[])[], want: readonly (readonly Value[])[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, r) =>
    row.forEach((v, c) => {
      const w = want[r][c];
      if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(w)) expect(v).toBeCloseTo(w, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(w) + 1))));
      else expect(v).toEqual(w);
    }),
  );
}

async function expectSameAnswer(query: string, params?: QueryParams): Promise<EngineResult> {
  const split = start(parallel, query, params);
  expect(split.prepared, `${query} should run split`).toBeInstanceOf(SplitPreparedQuery);
  const got = await split.execution.result;
  const want = await start(plain, query, params).execution.result;
  expect(got.columns).toEqual(want.columns);
  expectSameRows(got.values, want.values);
  expect(got.isPartial).toBe(false);
  expect(got.documentsFound).toBe(want.documentsFound);
  expect(got.warnings).toEqual(want.warnings);
  return got;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('ParallelQueryEngine over 2 workers', () => {
  it('splits the index into contiguous equal segment ranges', () => {
    expect(segmentRanges(catalog.get('logs')!, 2)).toEqual([
      [0, 18],
      [18, 37],
    ]);
  });

  it.each([
    ['Q1', 'FROM logs | WHERE status == 500 | STATS c = COUNT(*)'],
    ['Q2', 'FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10'],
    ['Q4', 'FROM logs | STATS c = COUNT(*) BY status, message'],
    ['Q4 sorted', 'FROM logs | STATS c = COUNT(*) BY status, message | SORT c DESC, status, message'],
    ['Q3 with a unique tie-break', 'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC, @timestamp | LIMIT 100'],
    ['min / max / avg by keyword', 'FROM logs | WHERE status >= 400 | STATS c = COUNT(*), a = AVG(latency_ms), mn = MIN(bytes), mx = MAX(@timestamp) BY message | SORT message'],
    ['an EVAL after STATS', 'FROM logs | STATS s = SUM(bytes), c = COUNT(*) BY status | EVAL per = s / c | SORT status'],
    ['warnings inside an aggregate, at the user’s positions', 'FROM logs | STATS n = SUM(TO_INTEGER(CASE(status == 500, "x", "1"))) BY message | SORT message'],
    ['warnings after the STATS, at the user’s positions', 'FROM logs | STATS c = COUNT(*) BY status | EVAL z = TO_INTEGER(CASE(status == 500, "x", "1")) | SORT status'],
  ])('%s answers as EsqlEngine alone', async (name, query) => {
    const got = await expectSameAnswer(query);
    if (name.startsWith('warnings')) expect(got.warnings.length).toBeGreaterThan(1);
  });

  it('Q3 as the bench runs it (ties on kb): the same kb values, every row a real match', async () => {
    const q3 = 'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC | LIMIT 100';
    const split = start(parallel, q3);
    expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
    const got = await split.execution.result;
    const want = await start(plain, q3).execution.result;
    expect(got.columns).toEqual(want.columns);
    expect(got.values.map((r) => r[2])).toEqual(want.values.map((r) => r[2]));
    const lowest = want.values[want.values.length - 1][2] as number;
    const check = await start(
      plain,
      `FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | WHERE kb >= ${lowest} | KEEP @timestamp, host, kb | LIMIT 10000`,
    ).execution.result;
    expect(check.values.length).toBeLessThan(10_000);
    const all = new Set(check.values.map((r) => JSON.stringify(r)));
    for (const row of got.values) expect(all.has(JSON.stringify(row))).toBe(true);
  });

  it('takes params on both halves', async () => {
    await expectSameAnswer('FROM logs | WHERE status == ? AND bytes > ? | STATS c = COUNT(*), s = SUM(bytes) BY message | SORT c DESC, message | LIMIT 5', [404, 1000]);
  });

  it('reports progress over the whole index and warnings once', async () => {
    const query = 'FROM logs | EVAL x = TO_INTEGER(CASE(status == 500, "nope", "1")) | STATS c = COUNT(x)';
    const split = start(parallel, query);
    const got = await expectSameAnswer(query);
    await split.execution.result;
    expect(split.execution.progress()).toEqual({ rows_processed: 300_000, rows_total: 300_000, pages: 37 });
    expect(got.warnings.length).toBeGreaterThan(1);
  });

  it('runs unsplit after all when a worker had more groups than a result may hold', async () => {
    const query = 'FROM logs | STATS c = COUNT(*) BY bytes | STATS groups = COUNT(*), rows = SUM(c)';
    const split = start(parallel, query);
    expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
    const got = await split.execution.result;
    const want = await start(plain, query).execution.result;
    expect(got.values).toEqual(want.values);
    expect(got.values[0][1]).toBe(300_000);
    expect(got.values[0][0]).toBeGreaterThan(10_000);
  });

  it('an index replaced in the catalog (more rows) is read as it is now', async () => {
    const count = async () => {
      const split = start(parallel, 'FROM grow | STATS c = COUNT(*), s = SUM(bytes)');
      expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
      return (await split.execution.result).values[0];
    };
    catalog.put(generateLogs(80_000, 3, 'grow'));
    expect((await count())[0]).toBe(80_000);
    catalog.put(generateLogs(90_000, 3, 'grow'));
    const [c, s] = await count();
    expect(c).toBe(90_000);
    expect(s).toBe((await start(plain, 'FROM grow | STATS s = SUM(bytes)').execution.result).values[0][0]);
  });

  it('with several chunks per worker: the same answers, and a stop skips the chunks not started', async () => {
    const chunked = new ParallelQueryEngine(plain, { pool, catalog, queryMemoryBytes: 64 * MB, testFunctions: true, chunksPerWorker: 3 });
    for (const query of [
      'FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10',
      'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC, @timestamp | LIMIT 100',
    ]) {
      const split = start(chunked, query);
      expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
      const got = await split.execution.result;
      expectSameRows(got.values, (await start(plain, query).execution.result).values);
      expect(got.documentsFound).toBe(300_000);
    }
    const slow = start(chunked, 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*)');
    await expect.poll(() => slow.execution.progress().rows_processed).toBeGreaterThan(8192);
    slow.execution.finishEarly();
    const stopped = await slow.execution.result;
    expect(stopped.isPartial).toBe(true);
    expect(stopped.values[0][0]).toBeGreaterThan(0);
    expect(stopped.values[0][0]).toBeLessThan(2 * 8192);
  });

  it('delegates what it cannot split to the inner engine', async () => {
    for (const query of ['FROM logs | WHERE status == 500 | KEEP host, bytes | LIMIT 3', 'ROW a = 1', 'FROM small | STATS c = COUNT(*)', 'FROM logs | LIMIT 10 | STATS c = COUNT(*)']) {
      const { prepared, execution } = start(parallel, query);
      expect(prepared, query).not.toBeInstanceOf(SplitPreparedQuery);
      expect((await execution.result).values).toEqual((await start(plain, query).execution.result).values);
    }
  });

  it('throws the same errors from prepare as the inner engine', () => {
    for (const query of ['FROM logs | STATS c = COUNT(*) BY nope', 'FROM logs | WHERE', 'FROM nope | STATS c = COUNT(*)']) {
      const err = (() => {
        try {
          plain.prepare(query, { nowMs: NOW });
        } catch (e) {
          return e as EsError;
        }
        throw new Error(`${query} should fail`);
      })();
      expect(() => parallel.prepare(query, { nowMs: NOW })).toThrow(err.message);
    }
  });

  it('a worker error comes back as the same EsError (a per-query budget too small for the groups)', async () => {
    const tiny = new ParallelQueryEngine(plain, { pool, catalog, queryMemoryBytes: 200_000 });
    const split = start(tiny, 'FROM logs | STATS c = COUNT(*) BY bytes');
    expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
    const e = await rejection(split.execution.result);
    expect(e).toBeInstanceOf(EsError);
    expect((e as EsError).type).toBe('circuit_breaking_exception');
    expect((e as EsError).status).toBe(429);
    await expect.poll(() => pool.runningFragments).toBe(0);
  });

  it('stop: every worker finishes early, the aggregates cover the rows seen, is_partial', async () => {
    const split = start(parallel, 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*) BY status | SORT status');
    expect(split.prepared).toBeInstanceOf(SplitPreparedQuery);
    await expect.poll(() => split.execution.progress().rows_processed).toBeGreaterThan(8192);
    expect(split.execution.progress().rows_total).toBe(300_000);
    split.execution.finishEarly();
    const got = await split.execution.result;
    expect(got.isPartial).toBe(true);
    expect(got.columns.map((c) => c.name)).toEqual(['c', 'status']);
    const counted = got.values.reduce((n, r) => n + (r[0] as number), 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(300_000);
    expect(pool.runningFragments).toBe(0);
  });

  it('hard stop while the workers run: the schema, no rows, is_partial', async () => {
    const abort = new AbortController();
    const split = start(parallel, 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*)', undefined, abort.signal);
    await expect.poll(() => split.execution.progress().rows_processed).toBeGreaterThan(0);
    const hard = split.execution.hardStop?.();
    expect(hard?.isPartial).toBe(true);
    expect(hard?.columns.map((c) => c.name)).toEqual(['c']);
    expect(hard?.values).toEqual([]);
    abort.abort(taskCancelled('hard stop after the stop grace delay'));
    await rejection(split.execution.result);
    await expect.poll(() => pool.runningFragments).toBe(0);
  });

  it('cancel: rejects with the signal’s reason and leaves nothing running in the workers', async () => {
    const abort = new AbortController();
    const split = start(parallel, 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*)', undefined, abort.signal);
    await expect.poll(() => split.execution.progress().rows_processed).toBeGreaterThan(0);
    expect(pool.runningFragments).toBe(2);
    const reason = taskCancelled();
    abort.abort(reason);
    expect(await rejection(split.execution.result)).toBe(reason);
    await expect.poll(() => pool.runningFragments).toBe(0);
    // The workers serve the next query as usual.
    await expectSameAnswer('FROM logs | WHERE status == 500 | STATS c = COUNT(*)');
  });

  it('an aborted signal before execute rejects at once and starts nothing', async () => {
    const abort = new AbortController();
    const reason = taskCancelled();
    abort.abort(reason);
    const split = start(parallel, 'FROM logs | STATS c = COUNT(*)', undefined, abort.signal);
    expect(await rejection(split.execution.result)).toBe(reason);
    expect(pool.runningFragments).toBe(0);
  });

  it('after an index is deleted from the catalog, the workers let go of it on the next prepare', async () => {
    catalog.put(generateLogs(70_000, 3, 'doomed')); // 9 segments: split
    await expectSameAnswer('FROM doomed | STATS c = COUNT(*) BY status');
    expect(pool.heldIndices).toContain('doomed');
    catalog.delete('doomed');
    await start(parallel, 'FROM logs | STATS c = COUNT(*)').execution.result;
    expect(pool.heldIndices).not.toContain('doomed');
    expect(pool.heldIndices).toContain('logs');
  });
});
