import { describe, expect, it } from 'vitest';
import { encodeAsyncId } from '../../src/runtime/async-id.js';
import { settle } from '../../src/runtime/simulated-clock.js';
import { asyncRequest, createTestRuntime, GRACE_MS, thrown } from './runtime-harness.js';

async function runningQuery(options: Parameters<typeof createTestRuntime>[0] = {}) {
  const t = createTestRuntime(options);
  const view = await t.runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
  return { ...t, id: view.id!, execution: t.engine.last };
}

describe('LocalQueryRuntime stop', () => {
  it('stops a running query: waits for the drain and returns the partial result, then stored', async () => {
    const { runtime, id, execution } = await runningQuery();
    execution.emit(5);
    const view = await runtime.stop(id);
    expect(execution.finishEarlyCalls).toBe(1);
    if (view.isRunning) throw new Error('stop returned a running view');
    expect(view.id).toBe(id);
    expect(view.result.isPartial).toBe(true);
    expect(view.result.values.length).toBe(5);
    expect(await runtime.get(id)).toEqual(view);
  });

  it('stop on a finished query returns exactly what GET returns', async () => {
    const { runtime, id, execution } = await runningQuery();
    execution.emit(2);
    execution.complete();
    await settle();
    const got = await runtime.get(id);
    expect(await runtime.stop(id)).toEqual(got);
    if (got.isRunning) throw new Error('unreachable');
    expect(got.result.isPartial).toBe(false);
  });

  it('a double stop returns the same final body and asks the engine once', async () => {
    const { runtime, engine, id } = await runningQuery();
    engine.drainOnStop = false;
    const first = runtime.stop(id);
    const second = runtime.stop(id);
    await settle();
    expect(engine.last.finishEarlyCalls).toBe(1);
    engine.last.emit(3);
    engine.last.complete();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(b);
    // The repeated stop did not turn into a hard stop that would drop the drained rows.
    expect(engine.last.aborted).toBe(false);
    if (a.isRunning) throw new Error('unreachable');
    expect(a.result.values.length).toBe(3);
    expect(await runtime.stop(id)).toEqual(a);
  });

  it('stop racing completion returns the completed result', async () => {
    const { runtime, engine, id } = await runningQuery();
    engine.drainOnStop = false;
    engine.last.emit(2);
    engine.last.complete();
    // The result is resolved but not yet delivered to the machine when stop arrives.
    const view = await runtime.stop(id);
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result.isPartial).toBe(false);
    expect(view.result.values.length).toBe(2);
    expect(await runtime.get(id)).toEqual(view);
  });

  it('hard-stops after the grace delay when the pipeline does not drain', async () => {
    const { runtime, engine, clock, id } = await runningQuery();
    engine.drainOnStop = false;
    engine.last.emit(4);
    const pending = runtime.stop(id);
    await clock.advanceAsync(GRACE_MS - 1);
    expect(engine.last.aborted).toBe(false);
    await clock.advanceAsync(1);
    const view = await pending;
    if (view.isRunning) throw new Error('unreachable');
    expect(engine.last.aborted).toBe(true);
    expect(view.result.isPartial).toBe(true);
    expect(view.result.columns).toEqual([{ name: 'x', type: 'long' }]);
  });

  it('stopping a queued query returns its schema with no rows and never runs it', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const queued = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const view = await runtime.stop(queued.id!);
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result).toMatchObject({ values: [], isPartial: true, columns: [{ name: 'x', type: 'long' }] });
    engine.execution(0).complete();
    await settle();
    expect(engine.executions.length).toBe(1);
    expect(runtime.queuedCount).toBe(0);
  });

  it('a submit that used keep_on_completion=false is still stored once stopped after the wait', async () => {
    const { runtime, id, results } = await runningQuery();
    await runtime.stop(id);
    expect(results.size).toBe(1);
  });
});

describe('LocalQueryRuntime delete', () => {
  it('cancels a running query: aborts the engine, acknowledges, then 404 everywhere', async () => {
    const { runtime, id, execution, results } = await runningQuery();
    execution.emit(2);
    await runtime.delete(id);
    expect(execution.aborted).toBe(true);
    expect(results.size).toBe(0);
    for (const call of [() => runtime.get(id), () => runtime.stop(id), () => runtime.delete(id)]) {
      expect(await thrown(call)).toMatchObject({ type: 'resource_not_found_exception', status: 404, reason: id });
    }
  });

  it('deletes a stored result; a second delete is 404', async () => {
    const { runtime, id, execution, results } = await runningQuery();
    execution.complete();
    await settle();
    expect(results.size).toBe(1);
    await runtime.delete(id);
    expect(results.size).toBe(0);
    expect((await thrown(() => runtime.delete(id))).status).toBe(404);
    expect((await thrown(() => runtime.get(id))).status).toBe(404);
  });

  it('a pending GET or stop of a query deleted meanwhile answers 404', async () => {
    const { runtime, id } = await runningQuery();
    const waiting = runtime.get(id, { waitForCompletionMs: 10_000 });
    await runtime.delete(id);
    expect((await thrown(() => waiting)).status).toBe(404);
  });

  it('deleting a queued query frees its place without running it', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const queued = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect(runtime.queuedCount).toBe(1);
    await runtime.delete(queued.id!);
    expect(runtime.queuedCount).toBe(0);
    engine.execution(0).complete();
    await settle();
    expect(engine.executions.length).toBe(1);
    expect(runtime.runningCount).toBe(0);
  });
});

describe('LocalQueryRuntime ids', () => {
  it('an unknown but well-formed id is 404 with the id as reason', async () => {
    const { runtime } = createTestRuntime();
    const id = encodeAsyncId({ docId: 'gL_jHjx7QhKENPKIjvZibw', nodeId: 'node-1', taskNumber: 99 });
    for (const call of [() => runtime.get(id), () => runtime.stop(id), () => runtime.delete(id)]) {
      expect(await thrown(call)).toMatchObject({ type: 'resource_not_found_exception', status: 404, reason: id });
    }
    expect((await thrown(() => runtime.watch(id, () => {}))).status).toBe(404);
  });

  it('a malformed id is 400 invalid id', async () => {
    const { runtime } = createTestRuntime();
    for (const call of [() => runtime.get('nope!'), () => runtime.stop('abc'), () => runtime.delete('')]) {
      expect(await thrown(call)).toMatchObject({ type: 'illegal_argument_exception', status: 400 });
    }
    expect((await thrown(() => runtime.get('nope!'))).reason).toBe('invalid id: [nope!]');
  });
});
