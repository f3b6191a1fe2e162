import { EsqlEngine } from '../../src/esql/engine.js';
import { LocalQueryRuntime, type LocalQueryRuntimeOptions } from '../../src/runtime/local-query-runtime.js';
import { settle, SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { ROWS, SEGMENT_ROWS, SEGMENTS, numsCatalog } from '../support/nums-catalog.js';
import { memoryPorts } from '../support/memory-ports.js';


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
  const ports = memoryPorts(clock);
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(numsCatalog()),
    ports,
    nodeId: 'node-1',
    sliceMs: 0,
    yieldToEventLoop: g.yieldToEventLoop,
    ...options,
  });
  return { runtime, clock, gate: g, results: ports.results };
}

export { ROWS, SEGMENT_ROWS, SEGMENTS };
