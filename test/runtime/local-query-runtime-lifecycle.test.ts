import { describe, expect, it } from 'vitest';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import type { StatusBus } from '../../src/runtime/ports.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';
import { settle, SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { memoryPorts } from '../support/memory-ports.js';
import { FakeQueryEngine } from './fake-query-engine.js';
import { asyncRequest, createTestRuntime, thrown } from './runtime-harness.js';

describe('LocalQueryRuntime running limit', () => {
  it('queues queries over the limit in submitted and starts them as slots free up, in order', async () => {
    const { runtime, engine, status } = createTestRuntime({ maxRunning: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await runtime.submit(asyncRequest({ query: `Q${i}`, waitForCompletionMs: 0 }))).id!);
    expect(engine.executions.map((e) => e.query)).toEqual(['Q0', 'Q1']);
    expect(runtime.runningCount).toBe(2);
    expect(runtime.queuedCount).toBe(2);
    await settle();
    expect((await status.latest(ids[2]))?.state).toBe('submitted');
    engine.execution(1).complete();
    await settle();
    expect(engine.executions.map((e) => e.query)).toEqual(['Q0', 'Q1', 'Q2']);
    expect((await status.latest(ids[2]))?.state).toBe('running');
    engine.execution(0).fail(new Error('x'));
    await settle();
    expect(engine.executions.map((e) => e.query)).toEqual(['Q0', 'Q1', 'Q2', 'Q3']);
    expect(runtime.queuedCount).toBe(0);
    expect(runtime.runningCount).toBe(2);
  });

  it('a queued query is still a running query for GET', async () => {
    const { runtime } = createTestRuntime({ maxRunning: 1 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const queued = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect((await runtime.get(queued.id!)).isRunning).toBe(true);
  });

  it('an authenticated user waits at its own running limit while another user runs', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 4, maxRunningPerUser: 1 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }));
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }));
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'bob' }));
    await settle();
    expect(engine.executions).toHaveLength(2); // alice's first and bob's; alice's second waits
    expect([runtime.runningCount, runtime.queuedCount]).toEqual([2, 1]);
    engine.execution(0).complete();
    await settle();
    expect(engine.executions).toHaveLength(3);
  });

  it('past the queue bound a submit is refused with 429 es_rejected_execution_exception; room comes back', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1, maxQueued: 2 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const running = engine.last;
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect(await thrown(() => runtime.submit(asyncRequest({ waitForCompletionMs: 0 })))).toMatchObject({
      type: 'es_rejected_execution_exception',
      status: 429,
    });
    running.complete();
    await settle();
    expect((await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }))).isRunning).toBe(true);
  });
});

describe('LocalQueryRuntime keep_alive', () => {
  it('cancels a running query when its keep_alive expires; the id is then 404', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await clock.advanceAsync(4_999);
    expect(engine.last.aborted).toBe(false);
    expect((await runtime.get(id!)).isRunning).toBe(true);
    await clock.advanceAsync(1);
    expect(engine.last.aborted).toBe(true);
    expect(await thrown(() => runtime.get(id!))).toMatchObject({ status: 404, reason: id });
    expect(runtime.liveCount).toBe(0);
  });

  it('GET keep_alive extends a running query, never shortens it', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const start = clock.now();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await clock.advanceAsync(1_000);
    const extended = await runtime.get(id!, { keepAliveMs: 10_000 });
    expect(extended.expirationTimeMs).toBe(start + 11_000);
    const notShortened = await runtime.get(id!, { keepAliveMs: 1 });
    expect(notShortened.expirationTimeMs).toBe(start + 11_000);
    await clock.advanceAsync(9_000);
    expect(engine.last.aborted).toBe(false);
    expect((await runtime.get(id!)).isRunning).toBe(true);
    await clock.advanceAsync(1_000);
    expect(engine.last.aborted).toBe(true);
  });

  it('a stored result expires at completion + keep_alive (404 before any cleanup); GET keep_alive extends it', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await clock.advanceAsync(3_000);
    engine.last.complete();
    await settle();
    const done = await runtime.get(id!);
    expect(done.expirationTimeMs).toBe(clock.now() + 5_000);
    await clock.advanceAsync(4_000);
    const extended = await runtime.get(id!, { keepAliveMs: 2_000 });
    expect(extended.expirationTimeMs).toBe(clock.now() + 2_000);
    expect((await runtime.get(id!)).expirationTimeMs).toBe(clock.now() + 2_000);
    const shorter = await runtime.get(id!, { keepAliveMs: 10 });
    expect(shorter.expirationTimeMs).toBe(clock.now() + 2_000);
    await clock.advanceAsync(2_000);
    expect(await thrown(() => runtime.get(id!))).toMatchObject({ status: 404, reason: id });
    expect((await thrown(() => runtime.stop(id!))).status).toBe(404);
  });

  it('a running query extended by GET keeps the later expiration when it completes', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const start = clock.now();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await runtime.get(id!, { keepAliveMs: 60_000 });
    await clock.advanceAsync(100);
    engine.last.complete();
    await settle();
    expect((await runtime.get(id!)).expirationTimeMs).toBe(start + 60_000);
  });
});

describe('LocalQueryRuntime ownership', () => {
  it('another principal gets 404 exactly as for an unknown id, running or stored', async () => {
    const { runtime, engine } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }));
    const foreign = { owner: 'bob' };
    const anonymous = {};
    for (const who of [foreign, anonymous]) {
      for (const call of [
        () => runtime.get(id!, who),
        () => runtime.stop(id!, who),
        () => runtime.delete(id!, who),
        () => runtime.watch(id!, () => {}, who),
      ]) {
        expect(await thrown(call)).toMatchObject({ type: 'resource_not_found_exception', status: 404, reason: id });
      }
    }
    expect(engine.last.finishEarlyCalls).toBe(0);
    expect(engine.last.aborted).toBe(false);
    engine.last.complete();
    await settle();
    expect((await thrown(() => runtime.get(id!, foreign))).status).toBe(404);
    expect((await runtime.get(id!, { owner: 'alice' })).isRunning).toBe(false);
    expect((await runtime.stop(id!, { owner: 'alice' })).isRunning).toBe(false);
    await runtime.delete(id!, { owner: 'alice' });
  });

  it('anyOwner (cancel_task) deletes a foreign query, running or stored, but reads nothing', async () => {
    const { runtime, engine } = createTestRuntime();
    const running = (await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }))).id!;
    expect((await thrown(() => runtime.get(running, { owner: 'ops' }))).status).toBe(404);
    await runtime.delete(running, { owner: 'ops', anyOwner: true });
    expect(engine.last.aborted).toBe(true);
    expect((await thrown(() => runtime.get(running, { owner: 'alice' }))).status).toBe(404);

    const stored = (await runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }))).id!;
    engine.last.complete();
    await settle();
    await runtime.delete(stored, { owner: 'ops', anyOwner: true });
    expect((await thrown(() => runtime.get(stored, { owner: 'alice' }))).status).toBe(404);
    expect((await thrown(() => runtime.delete(stored, { owner: 'ops', anyOwner: true }))).status).toBe(404);
  });

  it('a query submitted without a principal is visible to anyone', async () => {
    const { runtime } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    expect((await runtime.get(id!, { owner: 'bob' })).isRunning).toBe(true);
  });
});

describe('LocalQueryRuntime status events', () => {
  it('a watch begun while the query waits for a slot, or while it is stopping, starts with that state', async () => {
    // A bus that delivers nothing and mirrors nothing: the first event can only be the actor's own view.
    const mute: StatusBus = {
      publish: () => Promise.resolve(),
      latest: () => Promise.resolve(undefined),
      subscribe: () => Promise.resolve(() => undefined),
    };
    const clock = new SimulatedClock();
    const engine = new FakeQueryEngine();
    const runtime = new LocalQueryRuntime({ engine, ports: { ...memoryPorts(clock), status: mute }, nodeId: 'node-1', maxRunning: 1 });
    const first = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const queued = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const seen: string[] = [];
    await runtime.watch(first.id!, (e) => seen.push(`first:${e.state}`));
    await runtime.watch(queued.id!, (e) => seen.push(`queued:${e.state}`));
    engine.drainOnStop = false;
    void runtime.stop(first.id!);
    await runtime.watch(first.id!, (e) => seen.push(`first:${e.state}`));
    expect(seen).toEqual(['first:running', 'queued:submitted', 'first:stopping']);
  });

  it('watch gives the current state first, then every transition with strictly increasing seq', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const events: StatusEvent[] = [];
    await runtime.watch(id!, (e) => events.push(e));
    expect(events.map((e) => e.state)).toEqual(['running']);
    engine.last.emit(10);
    await clock.advanceAsync(100);
    engine.last.emit(10);
    await clock.advanceAsync(50);
    engine.last.emit(10);
    await clock.advanceAsync(50);
    const stopped = runtime.stop(id!);
    await stopped;
    await settle();
    expect(events.map((e) => `${e.state}${e.outcome ? `:${e.outcome}` : ''}`)).toEqual([
      'running',
      'running',
      'running',
      'stopping',
      'done:stopped',
    ]);
    for (let i = 1; i < events.length; i++) expect(events[i].seq).toBeGreaterThan(events[i - 1].seq);
    expect(events[1].progress).toEqual({ rows_processed: 10, rows_total: 1000, pages: 1, elapsed_ms: 100 });
    expect(events[2].progress.rows_processed).toBe(30);
    expect(events.every((e) => e.id === id && e.node === 'node-1')).toBe(true);
  });

  it('publishes every transition through the StatusBus: submitted first, done last', async () => {
    const { runtime, engine, status } = createTestRuntime({ maxRunning: 1 });
    const published: StatusEvent[] = [];
    const publish = status.publish.bind(status);
    status.publish = (e) => (published.push(e), publish(e));
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    engine.execution(0).complete();
    await settle();
    engine.execution(1).emit(1);
    engine.execution(1).complete();
    await settle();
    const mine = published.filter((e) => e.id === id);
    expect(mine.map((e) => e.state)).toEqual(['submitted', 'running', 'done']);
    expect(mine.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(mine[2]).toMatchObject({ outcome: 'completed', progress: { rows_processed: 1, pages: 1 } });
    expect(await status.latest(id!)).toEqual(mine[2]);
  });

  it('progress events are throttled to the configured interval', async () => {
    const { runtime, engine, clock } = createTestRuntime({ progressIntervalMs: 500 });
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const events: StatusEvent[] = [];
    await runtime.watch(id!, (e) => events.push(e));
    for (let i = 0; i < 10; i++) {
      engine.last.emit(1);
      await clock.advanceAsync(100);
    }
    expect(events.length).toBe(1 + 2);
  });

  it('the done status is published only after the result is in the store', async () => {
    const { runtime, engine, status, results } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    let storedWhenDone: boolean | undefined;
    await status.subscribe(id!, (e) => {
      if (e.state === 'done') void results.get(id!).then((r) => (storedWhenDone = r !== undefined));
    });
    engine.last.complete();
    await settle();
    expect(storedWhenDone).toBe(true);
  });

  it('watching a stored query gives its done state', async () => {
    const { runtime, engine } = createTestRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    engine.last.complete();
    await settle();
    const events: StatusEvent[] = [];
    const unsubscribe = await runtime.watch(id!, (e) => events.push(e));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ state: 'done', outcome: 'completed' });
    unsubscribe();
  });
});

describe('LocalQueryRuntime close and control', () => {
  it('close stops running and queued queries, stores partial results, and refuses new work', async () => {
    const { runtime, engine, results, nodes } = createTestRuntime({ maxRunning: 1 });
    const a = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const b = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    engine.last.emit(3);
    expect(await nodes.isAlive('node-1')).toBe(true);
    await runtime.close();
    expect(results.size).toBe(2);
    const ra = await results.get(a.id!);
    const rb = await results.get(b.id!);
    expect(ra?.outcome).toMatchObject({ result: { isPartial: true, values: [[0], [1], [2]] } });
    expect(rb?.outcome).toMatchObject({ result: { isPartial: true, values: [] } });
    expect(await nodes.isAlive('node-1')).toBe(false);
    expect((await thrown(() => runtime.submit(asyncRequest()))).type).toBe('status_exception');
    expect((await runtime.get(a.id!)).isRunning).toBe(false);
  });

  it('stop and cancel arrive through the control channel of this node', async () => {
    const { runtime, engine, control } = createTestRuntime();
    const a = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const b = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await control.send('node-1', { type: 'stop', id: a.id! });
    await control.send('node-1', { type: 'cancel', id: b.id! });
    await settle();
    expect(engine.execution(0).finishEarlyCalls).toBe(1);
    expect(engine.execution(1).aborted).toBe(true);
    expect((await runtime.get(a.id!)).isRunning).toBe(false);
    expect((await thrown(() => runtime.get(b.id!))).status).toBe(404);
  });
});

describe('LocalQueryRuntime edge cases', () => {
  it('close hard-stops a pipeline that does not drain within the grace delay', async () => {
    const { runtime, engine, clock, results } = createTestRuntime();
    engine.drainOnStop = false;
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    let closed = false;
    const closing = runtime.close().then(() => (closed = true));
    await clock.advanceAsync(999);
    expect(closed).toBe(false);
    await clock.advanceAsync(1);
    await closing;
    expect(engine.last.aborted).toBe(true);
    expect((await results.get(id!))?.outcome).toMatchObject({ result: { isPartial: true, values: [] } });
  });

  it('a keep_alive shorter than the submit wait cancels the query; submit then answers 404', async () => {
    const { runtime, engine, clock } = createTestRuntime();
    const pending = thrown(() => runtime.submit(asyncRequest({ waitForCompletionMs: 10_000, keepAliveMs: 1_000 })));
    await clock.advanceAsync(1_000);
    const err = await pending;
    expect(err.status).toBe(404);
    expect(engine.last.aborted).toBe(true);
  });

  it('watching a queued query starts at submitted; unsubscribe ends delivery', async () => {
    const { runtime, engine } = createTestRuntime({ maxRunning: 1 });
    await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const events: StatusEvent[] = [];
    const unsubscribe = await runtime.watch(id!, (e) => events.push(e));
    expect(events.map((e) => e.state)).toEqual(['submitted']);
    engine.execution(0).complete();
    await settle();
    expect(events.map((e) => e.state)).toEqual(['submitted', 'running']);
    unsubscribe();
    engine.execution(1).complete();
    await settle();
    expect(events.map((e) => e.state)).toEqual(['submitted', 'running']);
  });

  it('an empty node id is refused (it could not be decoded from the async ids)', () => {
    expect(() => createTestRuntime({ nodeId: '' })).toThrow(RangeError);
  });
});
