import { describe, expect, it } from 'vitest';
import { encodeAsyncId, randomBase64Uuid } from '../../src/runtime/async-id.js';
import { asyncRequest, thrown } from './runtime-harness.js';
import { gatedEsqlRuntime, ROWS } from './gated-esql-runtime.js';

const STATS = 'FROM nums | STATS c = COUNT(*), s = SUM(n)';
const sumBelow = (n: number) => (n * (n - 1)) / 2;

describe('LocalQueryRuntime.preview', () => {
  it('a running query: the partial answer so far, its fraction and the last status seq', async () => {
    const { runtime, gate: g } = gatedEsqlRuntime();
    const { id } = await runtime.submit(asyncRequest({ query: STATS, waitForCompletionMs: 0 }));
    await g.step(4);
    const p = await runtime.preview(id!);
    if (p === undefined) throw new Error('no preview');
    const [c, s] = p.result.values[0] as [number, number];
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(ROWS);
    expect(s).toBe(sumBelow(c));
    expect(p.result.isPartial).toBe(true);
    expect(p.fraction).toBe(c / ROWS);
    expect(p.progress).toMatchObject({ rows_processed: c, rows_total: ROWS });
    expect(p.seq).toBeGreaterThanOrEqual(2); // submitted, running
    await g.drain(() => runtime.liveCount === 0);
    const done = await runtime.get(id!);
    if (done.isRunning) throw new Error('unreachable');
    expect(done.result.values).toEqual([[ROWS, sumBelow(ROWS)]]);
    expect(done.result.isPartial).toBe(false);
    // Finished: nothing live to preview, but the id is still known.
    expect(await runtime.preview(id!)).toBeUndefined();
  });

  it('nothing for a queued query; 404 for an unknown id', async () => {
    const { runtime, gate: g } = gatedEsqlRuntime({ maxRunning: 1 });
    await runtime.submit(asyncRequest({ query: STATS, waitForCompletionMs: 0 }));
    const queued = await runtime.submit(asyncRequest({ query: STATS, waitForCompletionMs: 0 }));
    await g.step(1);
    expect(await runtime.preview(queued.id!)).toBeUndefined();
    const unknown = encodeAsyncId({ docId: randomBase64Uuid(), nodeId: 'node-1', taskNumber: 999 });
    expect((await thrown(() => runtime.preview(unknown))).status).toBe(404);
    await g.drain(() => runtime.liveCount === 0);
  });
});

describe('hard stop', () => {
  it('a drain that outlives the stop grace delay answers with what the pipeline holds, as partial', async () => {
    const { runtime, gate: g, clock } = gatedEsqlRuntime({ stopGraceMs: 1_000 });
    const { id } = await runtime.submit(asyncRequest({ query: STATS, waitForCompletionMs: 0 }));
    await g.step(3);
    const before = await runtime.preview(id!);
    const seen = before?.progress.rows_processed ?? 0;
    expect(seen).toBeGreaterThan(0);
    // The gate stays shut: the driver cannot drain, so only the grace delay can end the stop.
    const stopped = runtime.stop(id!);
    await clock.advanceAsync(1_000);
    const view = await stopped;
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result.isPartial).toBe(true);
    expect(view.result.values).toEqual([[seen, sumBelow(seen)]]);
    expect((await runtime.get(id!)).isRunning).toBe(false);
    await g.drain(() => g.waiting === 0);
  });
});
