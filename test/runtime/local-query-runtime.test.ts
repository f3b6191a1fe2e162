import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { decodeAsyncId } from '../../src/runtime/async-id.js';
import { settle } from '../../src/runtime/simulated-clock.js';
import { asyncRequest, createTestRuntime, thrown } from './runtime-harness.js';

describe('LocalQueryRuntime submit', () => {
  it('a query finished within the wait without keep_on_completion has no id and is not stored', async () => {
    const { runtime, engine, results, clock } = createTestRuntime();
    const start = clock.now();
    const pending = runtime.submit(asyncRequest());
    engine.last.emit(3);
    await clock.advanceAsync(40);
    engine.last.complete();
    const view = await pending;
    expect(view.id).toBeUndefined();
    expect(view.isRunning).toBe(false);
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result.values).toEqual([[0], [1], [2]]);
    expect(view.result.isPartial).toBe(false);
    expect(view.result.startTimeMs).toBe(start);
    expect(view.result.tookMs).toBe(40);
    expect(results.size).toBe(0);
    expect(runtime.liveCount).toBe(0);
  });

  it('keep_on_completion stores a fast result under an id; GET returns it again unchanged', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const pending = runtime.submit(asyncRequest({ keepOnCompletion: true, keepAliveMs: 10_000 }));
    engine.last.emit(2);
    await clock.advanceAsync(5);
    engine.last.complete();
    const view = await pending;
    expect(view.id).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(view.isRunning).toBe(false);
    if (view.isRunning) throw new Error('unreachable');
    expect(view.expirationTimeMs).toBe(view.result.completionTimeMs + 10_000);
    const again = await runtime.get(view.id!);
    expect(again).toEqual(view);
    expect(await runtime.get(view.id!)).toEqual(view);
  });

  it('when the wait runs out it answers running, stores the outcome later, and GET returns it', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const start = clock.now();
    const pending = runtime.submit(asyncRequest({ waitForCompletionMs: 500, keepAliveMs: 10_000 }));
    await clock.advanceAsync(500);
    const running = await pending;
    expect(running).toEqual({ id: running.id, isRunning: true, startTimeMs: start, expirationTimeMs: start + 10_000 });
    expect(await runtime.get(running.id!)).toEqual(running);
    engine.last.emit(4);
    await clock.advanceAsync(1_500);
    engine.last.complete();
    await settle();
    const done = await runtime.get(running.id!);
    if (done.isRunning) throw new Error('still running');
    expect(done.id).toBe(running.id);
    expect(done.result.values.length).toBe(4);
    expect(done.result.tookMs).toBe(2_000);
    expect(done.expirationTimeMs).toBe(start + 2_000 + 10_000);
  });

  it('wait_for_completion_timeout 0 answers running at once', async () => {
    const { runtime, engine } = createTestRuntime();
    const view = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect(view.isRunning).toBe(true);
    expect(engine.executions.length).toBe(1);
  });

  it('GET waits up to wait_for_completion_timeout for completion', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const timedOut = runtime.get(id!, { waitForCompletionMs: 300 });
    await clock.advanceAsync(300);
    expect((await timedOut).isRunning).toBe(true);
    const waiting = runtime.get(id!, { waitForCompletionMs: 300 });
    await clock.advanceAsync(100);
    engine.last.emit(1);
    engine.last.complete();
    const view = await waiting;
    expect(view.isRunning).toBe(false);
  });

  it('parsing and verification errors are thrown at submit; nothing is registered or stored', async () => {
    const { runtime, engine, results } = createTestRuntime();
    const parse = await thrown(() => runtime.submit(asyncRequest({ query: 'BAD' })));
    expect(parse.type).toBe('parsing_exception');
    expect(parse.status).toBe(400);
    const verify = await thrown(() => runtime.submit(asyncRequest({ query: 'UNKNOWN', keepOnCompletion: true })));
    expect(verify.type).toBe('verification_exception');
    expect(engine.executions.length).toBe(0);
    expect(results.size).toBe(0);
    expect(runtime.liveCount).toBe(0);
  });

  it('passes params and the start time to prepare', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const params = [1, 'a'] as never;
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0, params }));
    expect(engine.prepared[0].options).toEqual({ params, nowMs: clock.now() });
  });

  it('a failure within the wait is thrown by submit', async () => {
    const { runtime, engine, results } = createTestRuntime();
    const pending = runtime.submit(asyncRequest());
    engine.last.fail(new EsError('illegal_argument_exception', 'bad arg'));
    const err = await thrown(() => pending);
    expect(err.type).toBe('illegal_argument_exception');
    expect(results.size).toBe(0);
  });

  it('a failure after the wait is stored and rethrown by GET and stop, as an ES error', async () => {
    const { runtime, engine } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    engine.last.fail(new Error('kaboom'));
    await settle();
    const viaGet = await thrown(() => runtime.get(id!));
    expect(viaGet).toMatchObject({ type: 'status_exception', status: 500 });
    const viaStop = await thrown(() => runtime.stop(id!));
    expect(viaStop).toMatchObject({ type: 'status_exception', status: 500, reason: viaGet.reason });
  });

  it('query() runs to completion and stores nothing', async () => {
    const { runtime, engine, results, status } = createTestRuntime();
    const pending = runtime.query({ query: 'ROW x = 1' });
    engine.last.emit(1);
    engine.last.complete();
    const result = await pending;
    expect(result.values).toEqual([[0]]);
    expect(result.isPartial).toBe(false);
    expect(results.size).toBe(0);
    expect(runtime.liveCount).toBe(0);
    expect(await status.latest('anything')).toBeUndefined();
    expect((await thrown(() => runtime.query({ query: 'BAD' }))).type).toBe('parsing_exception');
  });

  it('query() rethrows an execution failure', async () => {
    const { runtime, engine } = createTestRuntime();
    const pending = runtime.query({ query: 'ROW x = 1' });
    engine.last.fail(new EsError('circuit_breaking_exception', 'too big'));
    expect((await thrown(() => pending)).status).toBe(429);
  });

  it('gives every query a distinct ES async id naming this node', async () => {
    const { runtime } = createTestRuntime();
    const a = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const b = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect(a.id).not.toBe(b.id);
    const da = decodeAsyncId(a.id!);
    const db = decodeAsyncId(b.id!);
    expect(da.nodeId).toBe('node-1');
    expect(db.taskNumber).toBe(da.taskNumber + 1);
    expect(da.docId).toHaveLength(22);
  });

  it('a running query answers to its id and to an equivalent spelling; a malformed id is a 400', async () => {
    const { runtime } = createTestRuntime();
    const running = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const id = running.id!;
    // 32 id bytes (node-1:1): one `=` of padding, which Java's url decoder lets a client leave out.
    expect(id.endsWith('=')).toBe(true);
    const unpadded = id.replace(/=+$/, '');
    expect(await runtime.get(id)).toEqual(running);
    expect(await runtime.get(unpadded)).toEqual(running);
    const states: string[] = [];
    const unwatch = await runtime.watch(unpadded, (event) => states.push(`${event.id} ${event.state}`));
    expect(states).toEqual([`${id} running`]);
    unwatch();
    expect((await thrown(() => runtime.get('!not-an-id'))).status).toBe(400);
    await runtime.delete(unpadded);
    expect(runtime.liveCount).toBe(0);
    expect((await thrown(() => runtime.get(id))).status).toBe(404);
  });

  it('each query gets its own memory budget under the global one', async () => {
    const { runtime, engine } = createTestRuntime({ queryMemoryBytes: 100, globalMemoryBytes: 150 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const [a, b] = [engine.execution(0).options.blockFactory, engine.execution(1).options.blockFactory];
    a.reserve(80);
    expect(() => a.reserve(30)).toThrow(expect.objectContaining({ type: 'circuit_breaking_exception' }));
    b.reserve(60);
    // The global budget (80 + 60 of 150) is what refuses this one.
    expect(() => b.reserve(20)).toThrow(expect.objectContaining({ status: 429 }));
    // A finished query gives its memory back to the node.
    engine.execution(0).complete();
    await settle();
    b.reserve(20);
    expect(b.reservedBytes).toBe(80);
    expect(a.reservedBytes).toBe(0);
  });
});

describe('LocalQueryRuntime query() cancellation', () => {
  it('aborting the request signal cancels a sync query and rejects with task_cancelled_exception', async () => {
    const { runtime, engine } = createTestRuntime();
    const abort = new AbortController();
    const pending = runtime.query({ query: 'FROM logs', signal: abort.signal });
    abort.abort();
    expect(await thrown(() => pending)).toMatchObject({ type: 'task_cancelled_exception', status: 400 });
    expect(engine.last.aborted).toBe(true);
    expect(runtime.liveCount).toBe(0);
    expect(runtime.runningCount).toBe(0);
  });

  it('an already aborted signal runs nothing', async () => {
    const { runtime, engine } = createTestRuntime();
    const abort = new AbortController();
    abort.abort();
    expect((await thrown(() => runtime.query({ query: 'FROM logs', signal: abort.signal }))).type).toBe(
      'task_cancelled_exception',
    );
    expect(engine.executions.length).toBe(0);
  });
});

describe('LocalQueryRuntime engine start failures', () => {
  it('an execution that throws while starting fails the query at submit', async () => {
    const { runtime } = createTestRuntime();
    expect(await thrown(() => runtime.submit(asyncRequest({ query: 'EXPLODE' })))).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'cannot plan [EXPLODE]',
    });
    // It fails as soon as it gets its slot, so even a zero wait reports the failure, not "running".
    expect((await thrown(() => runtime.submit(asyncRequest({ query: 'EXPLODE', waitForCompletionMs: 0 })))).type).toBe(
      'illegal_argument_exception',
    );
    expect(runtime.liveCount).toBe(0);
    expect(runtime.runningCount).toBe(0);
  });
});
