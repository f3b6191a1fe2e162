import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { runChunks } from '../../src/parallel/chunk-runner.js';
import type { FragmentRows } from '../../src/parallel/worker-messages.js';
import type { Fragment, FragmentRequest } from '../../src/parallel/worker-pool.js';

/** A pool whose fragments the test settles by hand; records which worker got which chunk. */
function fakePool() {
  const calls: { worker: number; chunk: number; settle: (rows: FragmentRows | Error) => void; control: string[] }[] = [];
  const pool = {
    run(worker: number, request: FragmentRequest): Fragment {
      let settle!: (rows: FragmentRows | Error) => void;
      const control: string[] = [];
      const result = new Promise<FragmentRows>((resolve, reject) => {
        settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
      });
      calls.push({ worker, chunk: request.segmentFrom, settle, control });
      return {
        result,
        finishEarly: () => control.push('finishEarly'),
        cancel: () => {
          control.push('cancel');
          settle(new EsError('task_cancelled_exception', 'cancelled'));
        },
        progress: () => ({ rows_processed: 10, pages: 1 }),
      };
    },
  };
  return { pool, calls };
}

const chunk = (i: number): FragmentRequest => ({ workerQuery: 'q', nowMs: 0, index: { name: 'i', columns: [], rowCount: 0, segments: [] }, segmentFrom: i, segmentTo: i + 1, memoryBytes: 1 });
const rows = (tag: number): FragmentRows => ({ rows: [[tag]], isPartial: false, documentsFound: 1, valuesLoaded: 1, warnings: [] });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runChunks', () => {
  it('gives the next chunk to whichever worker is free and returns the rows in chunk order', async () => {
    const { pool, calls } = fakePool();
    const run = runChunks(pool, 2, [0, 1, 2, 3].map(chunk));
    expect(calls.map((c) => [c.worker, c.chunk])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    calls[1].settle(rows(1));
    await tick();
    calls[2].settle(rows(2));
    await tick();
    expect(calls.map((c) => [c.worker, c.chunk])).toEqual([
      [0, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
    calls[3].settle(rows(3));
    calls[0].settle(rows(0));
    const done = await run.result;
    expect(done.skipped).toBe(0);
    expect(done.parts.map((p) => p.rows[0][0])).toEqual([0, 1, 2, 3]);
    expect(run.progress()).toEqual({ rows_processed: 40, pages: 4 });
  });

  it('stop: running chunks finish early, the others are skipped', async () => {
    const { pool, calls } = fakePool();
    const run = runChunks(pool, 2, [0, 1, 2, 3, 4].map(chunk));
    run.finishEarly();
    expect(calls.map((c) => c.control)).toEqual([['finishEarly'], ['finishEarly']]);
    calls[0].settle(rows(0));
    calls[1].settle(rows(1));
    const done = await run.result;
    expect(calls).toHaveLength(2);
    expect(done.skipped).toBe(3);
    expect(done.parts).toHaveLength(2);
  });

  it('a failing chunk rejects the run and cancels the chunks still running', async () => {
    const { pool, calls } = fakePool();
    const run = runChunks(pool, 2, [0, 1, 2].map(chunk));
    const failure = new EsError('circuit_breaking_exception', 'too big');
    calls[0].settle(failure);
    await expect(run.result).rejects.toBe(failure);
    expect(calls[1].control).toEqual(['cancel']);
    expect(calls).toHaveLength(2);
  });
});
