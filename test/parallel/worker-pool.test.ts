import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsError } from '../../src/errors.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { WorkerPool, type FragmentRequest } from '../../src/parallel/worker-pool.js';
import { queryWorkerUrl } from '../../src/parallel/worker-url.js';
import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

const MB = 1024 * 1024;
const logs = generateLogs(60_000); // 8 segments
let pool: WorkerPool;

beforeAll(() => {
  pool = new WorkerPool({ size: 2, workerUrl: queryWorkerUrl(), testFunctions: true });
});

afterAll(async () => {
  await pool?.close();
});

const request = (workerQuery: string, overrides: Partial<FragmentRequest> = {}): FragmentRequest => ({
  workerQuery,
  nowMs: Date.UTC(2024, 5, 1),
  index: logs,
  segmentFrom: 0,
  segmentTo: logs.segments.length,
  memoryBytes: 64 * MB,
  ...overrides,
});

/** What the engine answers in this thread over segments [from, to) of `index`. */
async function inProcess(query: string, index: StoredIndex, from: number, to: number) {
  const segments = index.segments.slice(from, to);
  const catalog = new Catalog();
  catalog.put({ ...index, segments, rowCount: segments.reduce((n, s) => n + s.positionCount, 0) });
  const blockFactory = new BlockFactory(new MemoryBudget(64 * MB, 'q'), new MemoryBudget(256 * MB, 'g'));
  const prepared = new EsqlEngine(catalog).prepare(query, { nowMs: Date.UTC(2024, 5, 1) });
  return prepared.execute({ signal: new AbortController().signal, blockFactory, sleep: clockSleep(new SystemClock()) }).result;
}

async function rejection(p: Promise<unknown>): Promise<EsError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EsError);
  return e as EsError;
}

describe('WorkerPool + query worker', () => {
  it('a fragment over a segment range answers exactly what the engine answers over that slice in-process', async () => {
    const query = 'FROM logs | WHERE latency_ms < 80 | STATS c = COUNT(*), s = SUM(bytes), m = MAX(@timestamp) BY host, status | SORT s DESC | LIMIT 25';
    const fragment = pool.run(1, request(query, { segmentFrom: 2, segmentTo: 5 }));
    const got = await fragment.result;
    const want = await inProcess(query, logs, 2, 5);
    expect(got.rows).toEqual(want.values);
    expect(got.rows.length).toBe(25);
    expect(got.isPartial).toBe(false);
    expect(got.documentsFound).toBe(3 * 8192);
    expect(got.documentsFound).toBe(want.documentsFound);
    expect(got.valuesLoaded).toBe(want.valuesLoaded);
    expect(fragment.progress()).toEqual({ rows_processed: 3 * 8192, pages: 3 });
  });

  it('keeps warnings and multi-valued / null results intact', async () => {
    const query = 'FROM logs | EVAL x = TO_INTEGER(CASE(status == 500, "nope", "1")) | STATS c = COUNT(x), v = VALUES(status) | EVAL v = MV_SORT(v)';
    const got = await pool.run(0, request(query, { segmentFrom: 0, segmentTo: 2 })).result;
    const want = await inProcess(query, logs, 0, 2);
    expect(got.rows).toEqual(want.values);
    expect(got.warnings.length).toBeGreaterThan(0);
    expect(got.warnings).toEqual(want.warnings);
  });

  it('finishEarly: the fragment answers over the rows seen, isPartial true', async () => {
    const fragment = pool.run(0, request('FROM logs | EVAL d = DELAY(5ms) | STATS c = COUNT(*)'));
    await expect.poll(() => fragment.progress().rows_processed).toBeGreaterThan(0);
    fragment.finishEarly();
    const got = await fragment.result;
    expect(got.isPartial).toBe(true);
    const c = got.rows[0][0] as number;
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(8192);
  });

  it('cancel: the fragment rejects, the worker lets go of it and serves the next one', async () => {
    const fragment = pool.run(1, request('FROM logs | EVAL d = DELAY(5ms) | STATS c = COUNT(*)'));
    await expect.poll(() => fragment.progress().rows_processed).toBeGreaterThan(0);
    expect(pool.runningFragments).toBe(1);
    fragment.cancel();
    const e = await rejection(fragment.result);
    expect(e.type).toBe('task_cancelled_exception');
    expect(pool.runningFragments).toBe(0);
    const next = await pool.run(1, request('FROM logs | STATS c = COUNT(*)')).result;
    expect(next.rows).toEqual([[60_000]]);
  });

  it('an EsError in the worker comes back with the same type, status and reason', async () => {
    const bad = 'FROM logs | EVAL x = no_such_field + 1';
    const verification = await rejection(pool.run(0, request(bad)).result);
    const local = await rejection(Promise.resolve().then(() => inProcess(bad, logs, 0, 1)));
    expect(verification.type).toBe('verification_exception');
    expect(verification.status).toBe(400);
    expect(verification.reason).toBe(local.reason);

    const breaking = await rejection(pool.run(1, request('FROM logs | SORT bytes | KEEP bytes, host', { memoryBytes: 100_000 })).result);
    expect(breaking.type).toBe('circuit_breaking_exception');
    expect(breaking.status).toBe(429);
    expect(breaking.reason).toContain('[request] Data too large');
  });

  it('a worker that dies fails its fragment with status_exception 500 and is replaced', async () => {
    const before = pool.threadIds;
    const fragment = pool.run(1, request('FROM logs | EVAL d = DELAY(5ms) | STATS c = COUNT(*)'));
    await expect.poll(() => fragment.progress().rows_processed).toBeGreaterThan(0);
    await pool.terminateWorker(1);
    const e = await rejection(fragment.result);
    expect(e.type).toBe('status_exception');
    expect(e.status).toBe(500);
    expect(e.reason).toMatch(/query worker \[1\] died/);
    expect(pool.threadIds[0]).toBe(before[0]);
    expect(pool.threadIds[1]).not.toBe(before[1]);
    // The replacement holds no index yet: it is sent again with the next fragment.
    const next = await pool.run(1, request('FROM logs | STATS c = COUNT(*)')).result;
    expect(next.rows).toEqual([[60_000]]);
  });

  it('refuses to start without the compiled worker script', () => {
    expect(() => new WorkerPool({ size: 2, workerUrl: new URL('file:///nowhere/query-worker.js') })).toThrow(/query worker script .* is missing/);
  });

  it('a worker script that fails to load: fragments fail with status_exception, no restart loop', async () => {
    const broken = new WorkerPool({ size: 2, workerUrl: new URL('data:text/javascript,throw new Error("boom")') });
    try {
      await expect
        .poll(async () => {
          const e = await rejection(broken.run(0, request('FROM logs | STATS c = COUNT(*)')).result);
          return `${e.type} ${e.status} ${e.reason}`;
        })
        .toBe('status_exception 500 query worker [0] could not start: boom');
    } finally {
      await broken.close();
    }
  });

  it('an index that grows (a new object under the same name) is sent again and its new rows are counted', async () => {
    const small = generateLogs(20_000, 7);
    const grown = generateLogs(30_000, 7);
    const count = (index: StoredIndex) =>
      pool.run(0, request('FROM logs | STATS c = COUNT(*), s = SUM(bytes)', { index, segmentTo: index.segments.length })).result;
    expect((await count(small)).rows[0][0]).toBe(20_000);
    const got = await count(grown);
    expect(got.rows).toEqual((await inProcess('FROM logs | STATS c = COUNT(*), s = SUM(bytes)', grown, 0, grown.segments.length)).values);
    expect(got.rows[0][0]).toBe(30_000);
  });

  it('lets go of an index the catalog no longer holds, and sends it again if a query still needs it', async () => {
    const gone = generateLogs(20_000, 9, 'gone');
    const count = () => pool.run(1, request('FROM gone | STATS c = COUNT(*)', { index: gone, segmentTo: gone.segments.length })).result;
    expect((await count()).rows[0][0]).toBe(20_000);
    expect(pool.heldIndices).toContain('gone');
    pool.releaseStale((index) => index !== gone);
    expect(pool.heldIndices).not.toContain('gone');
    expect(pool.heldIndices).toContain('logs');
    // A query prepared before the delete still reads its snapshot: the worker is sent the index again.
    expect((await count()).rows[0][0]).toBe(20_000);
  });
});
