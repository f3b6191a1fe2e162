import { describe, expect, it } from 'vitest';
import { ROWS, gatedEsqlRuntime as esqlRuntime } from './gated-esql-runtime.js';
import { asyncRequest, thrown } from './runtime-harness.js';

describe('LocalQueryRuntime over EsqlEngine', () => {
  it('query() runs a real pipeline to completion', async () => {
    const { runtime } = esqlRuntime({ yieldToEventLoop: undefined });
    const result = await runtime.query({ query: 'FROM nums | STATS c = COUNT(*), m = MAX(n)' });
    expect(result.columns).toEqual([
      { name: 'c', type: 'long' },
      { name: 'm', type: 'long' },
    ]);
    expect(result.values).toEqual([[ROWS, ROWS - 1]]);
    expect(result.isPartial).toBe(false);
  });

  it('submit with keep_on_completion stores the same result query() returns', async () => {
    const { runtime } = esqlRuntime({ yieldToEventLoop: undefined });
    const q = 'FROM nums | WHERE n % 1000 == 0 | KEEP n | SORT n DESC | LIMIT 3';
    const sync = await runtime.query({ query: q });
    const pending = runtime.submit(asyncRequest({ query: q, keepOnCompletion: true, waitForCompletionMs: 60_000 }));
    const view = await pending;
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result.values).toEqual([[9000], [8000], [7000]]);
    expect(view.result.values).toEqual(sync.values);
    expect((await runtime.get(view.id!)).isRunning).toBe(false);
  });

  it('stop cuts a running STATS: aggregates over the rows seen, is_partial true', async () => {
    const { runtime, gate: g } = esqlRuntime();
    const { id } = await runtime.submit(asyncRequest({ query: 'FROM nums | STATS c = COUNT(*)', waitForCompletionMs: 0 }));
    await g.step(3);
    expect((await runtime.get(id!)).isRunning).toBe(true);
    let stopped = false;
    const pending = runtime.stop(id!).finally(() => (stopped = true));
    await g.drain(() => stopped);
    const view = await pending;
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result.isPartial).toBe(true);
    const count = view.result.values[0][0] as number;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(ROWS);
    expect(await runtime.get(id!)).toEqual(view);
  });

  it('delete aborts a running pipeline and the id is gone', async () => {
    const { runtime, gate: g, results } = esqlRuntime();
    const { id } = await runtime.submit(asyncRequest({ query: 'FROM nums | SORT n DESC | LIMIT 5', waitForCompletionMs: 0 }));
    await g.step(2);
    await runtime.delete(id!);
    await g.drain(() => g.waiting === 0);
    expect(results.size).toBe(0);
    expect((await thrown(() => runtime.get(id!))).status).toBe(404);
    expect(runtime.liveCount).toBe(0);
  });

  it('parsing and verification errors come from submit as 400s', async () => {
    const { runtime } = esqlRuntime();
    expect(await thrown(() => runtime.submit(asyncRequest({ query: 'FROM nums | WHERE' })))).toMatchObject({
      type: 'parsing_exception',
      status: 400,
    });
    expect(await thrown(() => runtime.submit(asyncRequest({ query: 'FROM nope' })))).toMatchObject({ status: 400 });
    expect(await thrown(() => runtime.submit(asyncRequest({ query: 'FROM nums | KEEP missing' })))).toMatchObject({
      type: 'verification_exception',
    });
    expect(runtime.liveCount).toBe(0);
  });

  it('a query over its memory budget fails with circuit_breaking_exception, stored for GET', async () => {
    const { runtime, gate: g } = esqlRuntime({ queryMemoryBytes: 4_096 });
    const { id } = await runtime.submit(asyncRequest({ query: 'FROM nums', waitForCompletionMs: 0 }));
    await g.drain(() => runtime.liveCount === 0);
    expect(await thrown(() => runtime.get(id!))).toMatchObject({ type: 'circuit_breaking_exception', status: 429 });
  });
});
