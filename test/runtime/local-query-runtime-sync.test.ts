import { describe, expect, it } from 'vitest';
import { settle } from '../../src/runtime/simulated-clock.js';
import { createTestRuntime, GRACE_MS, thrown } from './runtime-harness.js';

/**
 * Sync queries (`query()`) granted a slot at once run without starting their machine until a stop or
 * cancel needs it; these pin that they keep the machine's lifecycle: queueing, stop at shutdown (drain,
 * then hard stop after the grace delay), cancel, failures, and the slot accounting.
 */
describe('LocalQueryRuntime sync queries', () => {
  it('start at once while a slot is free, else wait for one and run when it frees', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1 });
    const first = runtime.query({ query: 'ROW x = 1' });
    expect(engine.executions).toHaveLength(1);
    expect(runtime.runningCount).toBe(1);
    const second = runtime.query({ query: 'ROW x = 2' });
    expect(engine.executions).toHaveLength(1);
    expect(runtime.queuedCount).toBe(1);
    expect(runtime.liveCount).toBe(2);
    engine.execution(0).emit(1);
    engine.execution(0).complete();
    expect((await first).values).toEqual([[0]]);
    await settle();
    expect(engine.executions).toHaveLength(2);
    expect(engine.last.query).toBe('ROW x = 2');
    engine.last.emit(2);
    engine.last.complete();
    const result = await second;
    expect(result.values).toEqual([[0], [1]]);
    expect(result.isPartial).toBe(false);
    await settle();
    expect(runtime.liveCount).toBe(0);
    expect(runtime.runningCount).toBe(0);
    expect(runtime.queuedCount).toBe(0);
  });

  it('close stops a running one: the caller gets the rows seen so far, marked partial', async () => {
    const { runtime, engine } = createTestRuntime();
    const pending = runtime.query({ query: 'ROW x = 1' });
    engine.last.emit(2);
    await runtime.close();
    expect(engine.last.finishEarlyCalls).toBe(1);
    const result = await pending;
    expect(result.isPartial).toBe(true);
    expect(result.values).toEqual([[0], [1]]);
    expect(runtime.liveCount).toBe(0);
  });

  it('close hard-stops one whose drain outlives the grace delay', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    engine.drainOnStop = false;
    const pending = runtime.query({ query: 'ROW x = 1' });
    let closed = false;
    const closing = runtime.close().then(() => (closed = true));
    await clock.advanceAsync(GRACE_MS - 1);
    expect(closed).toBe(false);
    expect(engine.last.aborted).toBe(false);
    await clock.advanceAsync(1);
    await closing;
    expect(engine.last.aborted).toBe(true);
    expect(await pending).toMatchObject({ isPartial: true, values: [] });
  });

  it('a client gone while its query drains at close cancels it', async () => {
    const { runtime, engine } = createTestRuntime();
    engine.drainOnStop = false;
    const abort = new AbortController();
    const pending = runtime.query({ query: 'ROW x = 1', signal: abort.signal });
    const closing = runtime.close();
    abort.abort();
    expect(await thrown(() => pending)).toMatchObject({ type: 'task_cancelled_exception' });
    await closing;
    expect(engine.last.aborted).toBe(true);
    expect(runtime.runningCount).toBe(0);
  });

  it('cancelled the moment its execution settles, it is cancelled, as the machine decides', async () => {
    const { runtime, engine } = createTestRuntime();
    const abort = new AbortController();
    const pending = runtime.query({ query: 'ROW x = 1', signal: abort.signal });
    engine.last.complete();
    abort.abort();
    expect(await thrown(() => pending)).toMatchObject({ type: 'task_cancelled_exception' });
    await settle();
    expect(runtime.liveCount).toBe(0);
    expect(runtime.runningCount).toBe(0);
  });

  it('cancelled while queued, it never runs and gives its place back', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1 });
    const first = runtime.query({ query: 'ROW x = 1' });
    const abort = new AbortController();
    const queued = runtime.query({ query: 'ROW x = 2', signal: abort.signal });
    expect(runtime.queuedCount).toBe(1);
    abort.abort();
    expect(await thrown(() => queued)).toMatchObject({ type: 'task_cancelled_exception' });
    expect(runtime.queuedCount).toBe(0);
    engine.last.complete();
    await first;
    await settle();
    expect(engine.executions).toHaveLength(1);
    expect(runtime.runningCount).toBe(0);
  });

  it('an execution that throws while starting fails the query and frees its slot', async () => {
    const { runtime } = createTestRuntime({ maxRunning: 1 });
    expect(await thrown(() => runtime.query({ query: 'EXPLODE' }))).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'cannot plan [EXPLODE]',
    });
    await settle();
    expect(runtime.runningCount).toBe(0);
    expect(runtime.liveCount).toBe(0);
  });
});
