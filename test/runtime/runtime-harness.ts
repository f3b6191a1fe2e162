import { LocalQueryRuntime, type LocalQueryRuntimeOptions } from '../../src/runtime/local-query-runtime.js';
import type { AsyncQueryRequest } from '../../src/runtime/query-runtime.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { FakeQueryEngine } from './fake-query-engine.js';
import { memoryPorts } from '../support/memory-ports.js';

export const GRACE_MS = 1_000;

/** A LocalQueryRuntime over memory adapters, a simulated clock and a hand-driven fake engine. */
export function createTestRuntime(options: Partial<LocalQueryRuntimeOptions> = {}) {
  const clock = new SimulatedClock();
  const engine = new FakeQueryEngine();
  const ports = memoryPorts(clock);
  const { results, status, control, nodes } = ports;
  const runtime = new LocalQueryRuntime({
    engine,
    ports,
    nodeId: 'node-1',
    stopGraceMs: GRACE_MS,
    progressIntervalMs: 100,
    ...options,
  });
  return { runtime, clock, engine, results, status, control, nodes };
}

export function asyncRequest(overrides: Partial<AsyncQueryRequest> = {}): AsyncQueryRequest {
  return {
    query: 'FROM logs',
    waitForCompletionMs: 1_000,
    keepAliveMs: 60_000,
    keepOnCompletion: false,
    ...overrides,
  };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<{ type: string; status: number; reason: string }> {
  try {
    await fn();
  } catch (e) {
    return e as { type: string; status: number; reason: string };
  }
  throw new Error('expected a rejection');
}
