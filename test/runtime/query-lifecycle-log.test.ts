import { describe, expect, it } from 'vitest';
import { circuitBreaking } from '../../src/errors.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import type { LogRecord } from '../../src/runtime/log.js';
import { MAX_LOGGED_QUERY_CHARS, logOrphanFinishes, withLifecycleLog } from '../../src/runtime/query-lifecycle-log.js';
import { settle } from '../../src/runtime/simulated-clock.js';
import { memoryLog } from '../support/memory-log.js';
import { asyncRequest, createTestRuntime } from './runtime-harness.js';

function loggedRuntime() {
  const harness = createTestRuntime();
  const log = memoryLog();
  const runtime = withLifecycleLog(harness.runtime, log, () => harness.clock.now());
  return { ...harness, log, runtime };
}

/** `[level, message]` of every record, after checking each one names the query. */
function story(records: readonly LogRecord[], id: string): [string, string][] {
  for (const r of records) expect(r.fields.query_id, r.message).toBe(id);
  return records.map((r) => [r.level, r.message]);
}

describe('withLifecycleLog', () => {
  it('logs submit, running and done of a query with its id on every line', async () => {
    const { runtime, engine, log } = loggedRuntime();
    const { id } = await runtime.submit(asyncRequest({ query: 'FROM logs | LIMIT 5', owner: 'alice', waitForCompletionMs: 0 }));
    await settle();
    engine.last.emit(7);
    engine.last.complete();
    await settle();
    expect(story(log.records, id!)).toEqual([
      ['info', 'query submitted'],
      ['info', 'query running'],
      ['info', 'query done'],
    ]);
    expect(log.records[0].fields).toMatchObject({ 'user.name': 'alice', query: 'FROM logs | LIMIT 5' });
    expect(log.records[2].fields).toMatchObject({ outcome: 'completed', rows_processed: 7 });
  });

  it('logs a stop request, the stopping state and the stopped outcome', async () => {
    const { runtime, engine, log } = loggedRuntime();
    const { id } = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await settle();
    engine.last.emit(3);
    await runtime.stop(id!);
    await settle();
    expect(story(log.records, id!)).toEqual([
      ['info', 'query submitted'],
      ['info', 'query running'],
      ['info', 'query stop requested'],
      ['info', 'query stopping'],
      ['info', 'query done'],
    ]);
    expect(log.records[4].fields).toMatchObject({ outcome: 'stopped' });
  });

  it('logs a failure at warn with the ES error type and reason; a bug (500) at error', async () => {
    const { runtime, engine, log } = loggedRuntime();
    const tooBig = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await settle();
    engine.last.fail(circuitBreaking('[request] Data too large'));
    const bug = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    await settle();
    engine.last.fail(new TypeError('x is undefined'));
    await settle();
    const failures = log.records.filter((r) => r.message === 'query failed');
    expect(failures.map((r) => [r.level, r.fields.query_id, r.fields['error.type']])).toEqual([
      ['warn', tooBig.id, 'circuit_breaking_exception'],
      ['error', bug.id, 'status_exception'],
    ]);
    expect(failures[0].fields['error.message']).toBe('[request] Data too large');
  });

  it('tells a DELETE from a keep_alive expiry', async () => {
    const { runtime, clock, log } = loggedRuntime();
    const deleted = await runtime.submit(asyncRequest({ waitForCompletionMs: 0 }));
    const expiring = await runtime.submit(asyncRequest({ waitForCompletionMs: 0, keepAliveMs: 5_000 }));
    await settle();
    await runtime.delete(deleted.id!);
    await settle();
    expect(story(log.records.filter((r) => r.fields.query_id === deleted.id), deleted.id!).slice(2)).toEqual([
      ['info', 'query cancelled'],
      ['info', 'query deleted'],
    ]);
    await clock.advanceAsync(5_000);
    expect(story(log.records.filter((r) => r.fields.query_id === expiring.id), expiring.id!).slice(2)).toEqual([['info', 'query expired']]);
  });

  it('a query finished within its wait and kept is logged with its result rows', async () => {
    const { runtime, engine, log } = loggedRuntime();
    const pending = runtime.submit(asyncRequest({ keepOnCompletion: true }));
    await settle();
    engine.last.emit(4);
    engine.last.complete();
    const view = await pending;
    expect(story(log.records, view.id!)).toEqual([
      ['info', 'query submitted'],
      ['info', 'query done'],
    ]);
    expect(log.records[1].fields).toMatchObject({ outcome: 'completed', rows: 4 });
  });

  it('queries answered without an id are not logged: sync, finished within the wait, rejected at parse time', async () => {
    const { runtime, engine, log } = loggedRuntime();
    const sync = runtime.query({ query: 'FROM logs' });
    await settle();
    engine.last.complete();
    await sync;
    const quick = runtime.submit(asyncRequest());
    await settle();
    engine.last.complete();
    expect((await quick).id).toBeUndefined();
    await expect(runtime.submit(asyncRequest({ query: 'BAD' }))).rejects.toMatchObject({ type: 'parsing_exception' });
    expect(log.records).toEqual([]);
  });

  it('does not log a stop request for a malformed id', async () => {
    const { runtime, log } = loggedRuntime();
    await expect(runtime.stop('not an id')).rejects.toMatchObject({ type: 'illegal_argument_exception' });
    expect(log.records).toEqual([]);
  });

  it('cuts a long query text', async () => {
    const { runtime, log } = loggedRuntime();
    await runtime.submit(asyncRequest({ query: `FROM logs | WHERE ${'x'.repeat(2_000)}`, waitForCompletionMs: 0 }));
    expect(String(log.records[0].fields.query)).toHaveLength(MAX_LOGGED_QUERY_CHARS + 3);
  });
});

describe('logOrphanFinishes', () => {
  const done = (node: string) => ({
    id: 'q',
    seq: 3,
    state: 'done' as const,
    outcome: 'failed' as const,
    progress: { rows_processed: 0, rows_total: null, pages: 0, elapsed_ms: 0 },
    node,
  });

  it('logs a done this node publishes for a query another node ran, and passes every event through', async () => {
    const inner = new MemoryStatusBus();
    const log = memoryLog();
    const bus = logOrphanFinishes(inner, log, 'a');
    await bus.publish(done('a'));
    expect(log.records).toEqual([]);
    await bus.publish({ ...done('b'), seq: 4 });
    expect(log.records.map((r) => [r.level, r.message, r.fields.query_id, r.fields['orphan.node']])).toEqual([
      ['warn', 'orphan query finished', 'q', 'b'],
    ]);
    expect((await inner.latest('q'))?.seq).toBe(4);
  });
});
