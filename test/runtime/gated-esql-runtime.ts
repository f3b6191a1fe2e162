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

export const SEGMENTS = 10;
export const SEGMENT_ROWS = 1_000;
export const ROWS = SEGMENTS * SEGMENT_ROWS;

/** `nums`: one long column n = 0..ROWS-1, in segments built straight from typed arrays. */
export function numsCatalog(): Catalog {
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
 * slice), so "the query is still running" (or "the drain is stuck") is a fact, not a race.
 */
export function gate() {
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

/** A LocalQueryRuntime over the real EsqlEngine on `nums`, a simulated clock and a gated driver. */
export function gatedEsqlRuntime(options: Partial<LocalQueryRuntimeOptions> = {}) {
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
