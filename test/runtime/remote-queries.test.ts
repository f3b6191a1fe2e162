import { describe, expect, it } from 'vitest';
import { EsqlEngine } from '../../src/esql/engine.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { encodeAsyncId } from '../../src/runtime/async-id.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { RemoteQueries } from '../../src/runtime/remote-queries.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { doneEventFor } from '../../src/runtime/status-watch.js';
import { numsCatalog } from '../support/nums-catalog.js';
import { gatedEsqlRuntime, ROWS } from './gated-esql-runtime.js';
import { asyncRequest, thrown } from './runtime-harness.js';
import { memoryClusterPorts } from '../support/memory-ports.js';

const LOST = 'node [node-z] left the cluster before the query finished';

/** The ports of a cluster in which node-z ran a query and died: its record stays, its heartbeat is gone. */
async function lostQuery(extra: { columnar?: true; allowPartialResults?: false } = {}) {
  const clock = new SimulatedClock();
  const ports = memoryClusterPorts(clock);
  const id = encodeAsyncId({ docId: 'gL_jHjx7QhKENPKIjvZibw', nodeId: 'node-z', taskNumber: 1 });
  const startTimeMs = clock.now();
  await ports.directory.put({ id, owner: 'alice', node: 'node-z', startTimeMs, expirationTimeMs: startTimeMs + 60_000, ...extra });
  clock.advance(3_000);
  const remote = new RemoteQueries({ ...ports, nodeId: 'node-b', livenessCheckMs: 1_000 });
  const record = await remote.find(id, id, 'alice');
  if (record === undefined) throw new Error('no record');
  return { ports, clock, id, remote, record, startTimeMs };
}

describe('RemoteQueries: a query whose node died', () => {
  it('without a checkpoint: stored as a status_exception naming the lost node', async () => {
    const { ports, id, remote, record } = await lostQuery();
    const err = await thrown(() => remote.get(record, id, {}));
    expect(err).toMatchObject({ type: 'status_exception', status: 500, reason: LOST });
    expect(await ports.results.get(id)).toMatchObject({ outcome: { error: { type: 'status_exception', reason: LOST } } });
    expect(await ports.status.latest(id)).toMatchObject({ state: 'done', outcome: 'failed', node: 'node-z' });
    expect(await ports.directory.get(id)).toBeUndefined();
  });

  it('keeps the submit’s columnar choice in the outcome it stores, so every node renders it per column', async () => {
    const { ports, id, remote, record } = await lostQuery({ columnar: true });
    await ports.directory.checkpoint(id, {
      takenAtMs: record.startTimeMs,
      result: { columns: [], values: [], isPartial: true, documentsFound: 0, valuesLoaded: 0, warnings: [] },
    });
    expect(await remote.get(record, id, {})).toMatchObject({ isRunning: false, columnar: true });
    expect(await ports.results.get(id)).toMatchObject({ columnar: true });
  });

  it('submitted with allow_partial_results=false: the status_exception even with a checkpoint', async () => {
    const { ports, id, remote, record } = await lostQuery({ allowPartialResults: false });
    await ports.directory.checkpoint(id, {
      takenAtMs: record.startTimeMs,
      result: { columns: [{ name: 'c', type: 'long' }], values: [[42]], isPartial: true, documentsFound: 42, valuesLoaded: 42, warnings: [] },
    });
    expect(await thrown(() => remote.stop(record, id))).toMatchObject({ type: 'status_exception', status: 500, reason: LOST });
    expect(await ports.results.get(id)).toMatchObject({ doneOutcome: 'failed', outcome: { error: { type: 'status_exception', reason: LOST } } });
    expect(await ports.status.latest(id)).toMatchObject({ state: 'done', outcome: 'failed', node: 'node-z' });
    expect(await ports.directory.get(id)).toBeUndefined();
  });

  it('with a checkpoint: its rows as a partial result, with a warning naming the lost node', async () => {
    const { ports, clock, id, remote, record, startTimeMs } = await lostQuery();
    const takenAtMs = startTimeMs + 2_000;
    const checkpointed = {
      columns: [{ name: 'c', type: 'long' as const }],
      values: [[42]],
      isPartial: true,
      documentsFound: 42,
      valuesLoaded: 42,
      warnings: ['Line 1:1: evaluation of [x] failed'],
    };
    await ports.directory.checkpoint(id, { takenAtMs, result: checkpointed });
    const view = await remote.stop(record, id);
    expect(view).toEqual({
      id,
      isRunning: false,
      startTimeMs,
      expirationTimeMs: startTimeMs + 60_000,
      result: {
        ...checkpointed,
        warnings: [
          'Line 1:1: evaluation of [x] failed',
          `${LOST}; partial results from its last checkpoint, taken at ${new Date(takenAtMs).toISOString()}`,
        ],
        tookMs: 3_000,
        startTimeMs,
        completionTimeMs: clock.now(),
      },
    });
    // The failure stays visible to status watchers; the record and its checkpoint are gone.
    expect(await ports.status.latest(id)).toMatchObject({ state: 'done', outcome: 'failed', node: 'node-z' });
    expect(await ports.directory.get(id)).toBeUndefined();
    expect(await ports.directory.getCheckpoint(id)).toBeUndefined();
    const stored = await ports.results.get(id);
    expect(stored).toMatchObject({ owner: 'alice', doneOutcome: 'failed', outcome: { result: { values: [[42]] } } });
    // A watcher arriving after the status mirror is gone rebuilds `done` from the stored entry: still failed.
    if (stored === undefined) throw new Error('no stored entry');
    expect(doneEventFor(stored)).toMatchObject({ state: 'done', outcome: 'failed' });
  });
});

describe('checkpoints of a running query, end to end', () => {
  it('node A checkpoints its running STATS; when A is lost, node B answers with those rows', async () => {
    const clock = new SimulatedClock();
    const shared = memoryClusterPorts(clock);
    // A heartbeats into a registry nobody else reads: to the cluster, node-a is gone.
    const a = gatedEsqlRuntime({ nodeId: 'node-a', ports: { ...shared, nodes: new MemoryNodeRegistry(clock) }, checkpointIntervalMs: 1_000 });
    const b = new LocalQueryRuntime({ engine: new EsqlEngine(numsCatalog()), ports: shared, nodeId: 'node-b' });
    const { id } = await a.runtime.submit(asyncRequest({ query: 'FROM nums | STATS c = COUNT(*)', waitForCompletionMs: 0 }));
    await a.gate.step(4);
    const seen = (await a.runtime.preview(id!))?.result.values;
    expect(await shared.directory.getCheckpoint(id!)).toBeUndefined();
    await clock.advanceAsync(1_000);
    expect((await shared.directory.getCheckpoint(id!))?.result.values).toEqual(seen);

    const view = await b.get(id!);
    if (view.isRunning) throw new Error('still running');
    const [[count]] = view.result.values as number[][];
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(ROWS);
    expect(view.result).toMatchObject({ isPartial: true, values: seen });
    expect(view.result.warnings).toEqual([expect.stringContaining('node [node-a] left the cluster before the query finished')]);

    // A was alive after all and finishes: the stored partial result stays, and A answers with it too.
    await a.gate.drain(() => a.runtime.liveCount === 0);
    expect(await a.runtime.get(id!)).toEqual(view);
  });

  it('allow_partial_results=false travels with the query: A writes no checkpoint, B fails it; a stop on A stays partial', async () => {
    const clock = new SimulatedClock();
    const shared = memoryClusterPorts(clock);
    const a = gatedEsqlRuntime({ nodeId: 'node-a', ports: { ...shared, nodes: new MemoryNodeRegistry(clock) }, checkpointIntervalMs: 1_000 });
    const b = new LocalQueryRuntime({ engine: new EsqlEngine(numsCatalog()), ports: shared, nodeId: 'node-b' });
    const request = asyncRequest({ query: 'FROM nums | STATS c = COUNT(*)', waitForCompletionMs: 0, allowPartialResults: false });

    // A client's own stop is not a failure: it answers partial whatever the flag says (as ES).
    const stopped = await a.runtime.submit(request);
    expect(await shared.directory.get(stopped.id!)).toMatchObject({ allowPartialResults: false });
    await a.gate.step(2);
    const stopping = a.runtime.stop(stopped.id!);
    await a.gate.drain(() => a.runtime.liveCount === 0);
    expect(await stopping).toMatchObject({ isRunning: false, result: { isPartial: true } });

    const { id } = await a.runtime.submit(request);
    // Beside it, a query with the default: it is checkpointed; the strict one never is.
    const lenient = await a.runtime.submit({ ...request, allowPartialResults: undefined });
    await a.gate.step(8);
    await clock.advanceAsync(1_000);
    expect((await shared.directory.getCheckpoint(lenient.id!))?.result.values).toHaveLength(1);
    expect(await shared.directory.getCheckpoint(id!)).toBeUndefined();
    const err = await thrown(() => b.get(id!));
    expect(err).toMatchObject({ type: 'status_exception', status: 500, reason: 'node [node-a] left the cluster before the query finished' });
    await a.gate.drain(() => a.runtime.liveCount === 0);
    expect((await thrown(() => a.runtime.get(id!))).reason).toBe(err.reason);
  });
});
