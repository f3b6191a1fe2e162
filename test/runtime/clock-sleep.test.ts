import { describe, expect, it } from 'vitest';
import { EsqlEngine } from '../../src/esql/engine.js';
import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { settle, SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { numsCatalog } from '../support/nums-catalog.js';
import { asyncRequest } from './runtime-harness.js';
import { memoryPorts } from '../support/memory-ports.js';

describe('clockSleep', () => {
  it('resolves when the clock reaches the delay, not before', async () => {
    const clock = new SimulatedClock();
    let woke = false;
    const sleeping = clockSleep(clock)(500, new AbortController().signal).then(() => (woke = true));
    await clock.advanceAsync(499);
    expect(woke).toBe(false);
    await clock.advanceAsync(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('rejects with the abort reason and drops its timer', async () => {
    const clock = new SimulatedClock();
    const abort = new AbortController();
    const sleeping = clockSleep(clock)(500, abort.signal);
    const reason = new Error('cancelled');
    abort.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(clock.pending).toBe(0);
    await expect(clockSleep(clock)(1, abort.signal)).rejects.toBe(reason);
  });
});

describe('DELAY on the runtime clock', () => {
  it('a DELAY query waits for the runtime’s Clock: with a simulated clock, for simulated time', async () => {
    const clock = new SimulatedClock();
    const runtime = new LocalQueryRuntime({
      engine: new EsqlEngine(numsCatalog(), { testFunctions: true }),
      ports: memoryPorts(clock),
      nodeId: 'node-1',
    });
    const query = 'ROW a = 1 | EVAL d = DELAY(10s)';
    const { id } = await runtime.submit(asyncRequest({ query, waitForCompletionMs: 0 }));
    await settle();
    expect((await runtime.get(id!)).isRunning).toBe(true);
    await clock.advanceAsync(10_000);
    const done = await runtime.get(id!, { waitForCompletionMs: 1 });
    expect(done).toMatchObject({ isRunning: false, result: { values: [[1, true]] } });
    await runtime.close();
  });
});
