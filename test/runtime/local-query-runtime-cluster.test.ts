import { describe, expect, it } from 'vitest';
import { encodeAsyncId } from '../../src/runtime/async-id.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';
import { settle, SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { FakeQueryEngine } from './fake-query-engine.js';
import { asyncRequest, thrown } from './runtime-harness.js';
import { memoryClusterPorts } from '../support/memory-ports.js';

/** Two nodes sharing every port, as two processes share one Redis. */
function cluster() {
  const clock = new SimulatedClock();
  const ports = memoryClusterPorts(clock);
  const node = (nodeId: string) => {
    const engine = new FakeQueryEngine();
    const runtime = new LocalQueryRuntime({ engine, ports, nodeId, heartbeatIntervalMs: 1_000, heartbeatTtlMs: 3_000 });
    return { engine, runtime };
  };
  return { clock, ports, a: node('node-a'), b: node('node-b') };
}

describe('LocalQueryRuntime in a cluster', () => {
  it('any node answers GET for a query running on another, then for its stored result', async () => {
    const { a, b, clock } = cluster();
    const start = clock.now();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 10_000, owner: 'alice' }));
    expect(await b.runtime.get(id!, { owner: 'alice' })).toEqual({
      id,
      isRunning: true,
      startTimeMs: start,
      expirationTimeMs: start + 10_000,
    });
    a.engine.last.emit(2);
    a.engine.last.complete();
    await settle();
    const fromB = await b.runtime.get(id!, { owner: 'alice' });
    expect(fromB.isRunning).toBe(false);
    expect(fromB).toEqual(await a.runtime.get(id!, { owner: 'alice' }));
  });

  it('a columnar query is marked columnar by every node, running record and stored result included', async () => {
    const { a, b, ports } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, columnar: true }));
    expect(await ports.directory.get(id!)).toMatchObject({ columnar: true });
    a.engine.last.complete();
    await settle();
    expect(await ports.results.get(id!)).toMatchObject({ columnar: true });
    expect(await b.runtime.get(id!)).toMatchObject({ isRunning: false, columnar: true });
    expect(await a.runtime.get(id!)).toMatchObject({ isRunning: false, columnar: true });
  });

  it('allow_partial_results=false is kept in the running record; the default (true) leaves the record as it was', async () => {
    const { a, ports } = cluster();
    const strict = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, allowPartialResults: false }));
    expect(await ports.directory.get(strict.id!)).toMatchObject({ allowPartialResults: false });
    for (const allowPartialResults of [true, undefined]) {
      const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, allowPartialResults }));
      expect(await ports.directory.get(id!)).not.toHaveProperty('allowPartialResults');
    }
  });

  it('GET with wait_for_completion_timeout on another node returns when the owner finishes', async () => {
    const { a, b } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const waiting = b.runtime.get(id!, { waitForCompletionMs: 5_000 });
    await settle();
    a.engine.last.complete();
    expect((await waiting).isRunning).toBe(false);
  });

  it('stop from another node reaches the owner through its control channel and returns the partial result', async () => {
    const { a, b } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    a.engine.last.emit(3);
    const view = await b.runtime.stop(id!);
    expect(a.engine.last.finishEarlyCalls).toBe(1);
    if (view.isRunning) throw new Error('unreachable');
    expect(view.result).toMatchObject({ isPartial: true, values: [[0], [1], [2]] });
    expect(await a.runtime.get(id!)).toEqual(view);
  });

  it('DELETE from another node cancels on the owner; the id is then 404 on both', async () => {
    const { a, b } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await b.runtime.delete(id!);
    expect(a.engine.last.aborted).toBe(true);
    expect((await thrown(() => a.runtime.get(id!))).status).toBe(404);
    expect((await thrown(() => b.runtime.get(id!))).status).toBe(404);
  });

  it('another principal gets 404 from every node', async () => {
    const { a, b } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }));
    for (const call of [
      () => b.runtime.get(id!, { owner: 'bob' }),
      () => b.runtime.stop(id!, { owner: 'bob' }),
      () => b.runtime.delete(id!, { owner: 'bob' }),
      () => b.runtime.watch(id!, () => {}, { owner: 'bob' }),
    ]) {
      expect(await thrown(call)).toMatchObject({ status: 404, reason: id });
    }
    expect(a.engine.last.finishEarlyCalls).toBe(0);
    expect(a.engine.last.aborted).toBe(false);
  });

  it('keep_alive extended on another node keeps the query running past its first expiration', async () => {
    const { a, b, clock } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await clock.advanceAsync(1_000);
    expect((await b.runtime.get(id!, { keepAliveMs: 20_000 })).expirationTimeMs).toBe(clock.now() + 20_000);
    await clock.advanceAsync(10_000);
    expect(a.engine.last.aborted).toBe(false);
    expect((await a.runtime.get(id!)).isRunning).toBe(true);
    await clock.advanceAsync(10_000);
    expect(a.engine.last.aborted).toBe(true);
    expect((await thrown(() => b.runtime.get(id!))).status).toBe(404);
  });

  it('watch on another node sees the owner’s status events', async () => {
    const { a, b } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await settle();
    const events: StatusEvent[] = [];
    await b.runtime.watch(id!, (e) => events.push(e));
    a.engine.last.complete();
    await settle();
    expect(events.map((e) => `${e.state}@${e.node}`)).toEqual(['running@node-a', 'done@node-a']);
  });

  it('a query whose node died is finished as failed by the first node that notices', async () => {
    const { b, ports, clock } = cluster();
    // node-z ran a query and vanished: its record is still there, its heartbeat has run out.
    const id = encodeAsyncId({ docId: 'gL_jHjx7QhKENPKIjvZibw', nodeId: 'node-z', taskNumber: 1 });
    await ports.nodes.heartbeat('node-z', 1_000);
    await ports.directory.put({ id, owner: 'alice', node: 'node-z', startTimeMs: clock.now(), expirationTimeMs: clock.now() + 60_000 });
    expect((await b.runtime.get(id, { owner: 'alice' })).isRunning).toBe(true);
    await clock.advanceAsync(1_000);
    const err = await thrown(() => b.runtime.get(id, { owner: 'alice' }));
    expect(err).toMatchObject({ type: 'status_exception', status: 500 });
    expect(err.reason).toBe('node [node-z] left the cluster before the query finished');
    expect(await ports.status.latest(id)).toMatchObject({ state: 'done', outcome: 'failed', node: 'node-z' });
    expect(await ports.directory.get(id)).toBeUndefined();
    expect((await thrown(() => b.runtime.stop(id, { owner: 'alice' }))).reason).toBe(err.reason);
    expect((await thrown(() => b.runtime.get(id, { owner: 'bob' }))).status).toBe(404);
    await b.runtime.delete(id, { owner: 'alice' });
    expect((await thrown(() => b.runtime.get(id, { owner: 'alice' }))).status).toBe(404);
  });

  it('a node wrongly taken for lost does not overwrite the failure another node stored: every node answers the same', async () => {
    const { a, b, ports } = cluster();
    const { id } = await a.runtime.submit(asyncRequest({ waitForCompletionMs: 0, owner: 'alice' }));
    await settle();
    // node-a's heartbeat key vanished (e.g. a long Redis outage): node-b finishes the query as failed.
    await ports.nodes.deregister('node-a');
    const lost = await thrown(() => b.runtime.get(id!, { owner: 'alice' }));
    expect(lost.reason).toBe('node [node-a] left the cluster before the query finished');
    // node-a was alive after all and completes: the stored failure stays, and node-a answers with it too.
    a.engine.last.complete();
    await settle();
    expect((await thrown(() => a.runtime.get(id!, { owner: 'alice' }))).reason).toBe(lost.reason);
    expect((await thrown(() => b.runtime.get(id!, { owner: 'alice' }))).reason).toBe(lost.reason);
  });

  it('a stop waiting on a node that dies meanwhile is answered with the failure instead of hanging', async () => {
    const { b, ports, clock } = cluster();
    const id = encodeAsyncId({ docId: 'gL_jHjx7QhKENPKIjvZibw', nodeId: 'node-z', taskNumber: 2 });
    await ports.nodes.heartbeat('node-z', 2_500);
    await ports.directory.put({ id, node: 'node-z', startTimeMs: clock.now(), expirationTimeMs: clock.now() + 60_000 });
    let answered = false;
    const stopping = thrown(() => b.runtime.stop(id)).finally(() => (answered = true));
    await clock.advanceAsync(2_000);
    expect(answered).toBe(false);
    await clock.advanceAsync(1_000);
    expect((await stopping).reason).toBe('node [node-z] left the cluster before the query finished');
  });

  it('a record left by this very node (a previous process) is an orphan, not a running query', async () => {
    const { b, ports, clock } = cluster();
    const id = encodeAsyncId({ docId: 'gL_jHjx7QhKENPKIjvZibw', nodeId: 'node-b', taskNumber: 999 });
    await ports.directory.put({ id, node: 'node-b', startTimeMs: clock.now(), expirationTimeMs: clock.now() + 60_000 });
    expect((await thrown(() => b.runtime.get(id))).type).toBe('status_exception');
  });
});
