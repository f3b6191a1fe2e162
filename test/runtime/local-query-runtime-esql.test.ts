import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { MemoryControlChannel } from '../../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import { LocalQueryRuntime, type LocalQueryRuntimeOptions } from '../../src/runtime/local-query-runtime.js';
import { settle, SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';
import { asyncRequest, thrown } from './runtime-harness.js';

const SEGMENTS = 10;
const SEGMENT_ROWS = 1_000;
const ROWS = SEGMENTS * SEGMENT_ROWS;

/** `nums`: one long column n = 0..ROWS-1, in segments built straight from typed arrays. */
function numsCatalog(): Catalog {
  const segments = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const values = new Float64Array(SEGMENT_ROWS);
    for (let i = 0; i < SEGMENT_ROWS; i++) values[i] = s * SEGMENT_ROWS + i;
    const block: Block = { type: 'long', positionCount: SEGMENT_ROWS, values };
    segments.push({ positionCount: SEGMENT_ROWS, blocks: [block] });
  }
  const index: StoredIndex = { name: 'nums', columns: [{ name: 'n', type: 'long' }], rowCount: ROWS, segments };
  const catalog = new Catalog();
  catalog.put(index);
  return catalog;
}

/**
 * The driver yields through a gate the test opens slice by slice (sliceMs 0: one pipeline pass per
 * slice), so "the query is still running" is a fact, not a race.
 */
function gate() {
  const waiting: (() => void)[] = [];
  return {
    yieldToEventLoop: () => new Promise<void>((resolve) => waiting.push(resolve)),
    get waiting() {
      return waiting.length;
    },
    async step(slices = 1) {
      for (let i = 0; i < slices; i++) {
        await settle();
        waiting.shift()?.();
      }
      await settle();
    },
    /** Opens the gate for good until `done()` holds. */
    async drain(done: () => boolean) {
      for (let i = 0; i < 10_000 && !done(); i++) {
        waiting.splice(0).forEach((r) => r());
        await settle();
      }
    },
  };
}

function esqlRuntime(options: Partial<LocalQueryRuntimeOptions> = {}) {
  const clock = new SimulatedClock();
  const g = gate();
  const results = new MemoryResultStore(clock);
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(numsCatalog()),
    ports: { results, status: new MemoryStatusBus(), control: new MemoryControlChannel(), nodes: new MemoryNodeRegistry(clock), clock },
    nodeId: 'node-1',
    sliceMs: 0,
    yieldToEventLoop: g.yieldToEventLoop,
    ...options,
  });
  return { runtime, clock, gate: g, results };
}

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
