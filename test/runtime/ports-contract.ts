import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ControlChannel,
  ControlCommand,
  NodeRegistry,
  QueryCheckpoint,
  ResultStore,
  RunningQueryDirectory,
  StatusBus,
  StoredQuery,
} from '../../src/runtime/ports.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';

/**
 * The behaviour every adapter of runtime/ports.ts must have, run against each implementation
 * (`memory/` now, `redis/` later). The fixture owns time: a simulated clock for in-process adapters,
 * a real wait (or a clock shared with the adapter) for TTL-based ones.
 */
export interface PortsFixture {
  readonly results: ResultStore;
  readonly status: StatusBus;
  readonly control: ControlChannel;
  readonly nodes: NodeRegistry;
  /** Cluster adapters only. */
  readonly directory?: RunningQueryDirectory;
  /** The adapters' current time, ms. */
  now(): number;
  /** Moves the adapters' time forward by `ms`. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Polls until `check` passes (delivery over a real channel is asynchronous); rethrows the last failure. */
export async function eventually(check: () => void, attempts = 200): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (e) {
      if (i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, i < 20 ? 0 : 10));
    }
  }
}

export function portsContract(name: string, create: () => Promise<PortsFixture>): void {
  describe(`ports contract: ${name}`, () => {
    let f: PortsFixture;
    beforeEach(async () => {
      f = await create();
    });
    afterEach(async () => {
      await f.close();
    });

    const entry = (id: string, ttlMs: number, extra: Partial<StoredQuery> = {}): StoredQuery => ({
      id,
      owner: 'alice',
      startTimeMs: f.now() - 10,
      expirationTimeMs: f.now() + ttlMs,
      outcome: {
        result: {
          columns: [
            { name: 'n', type: 'unsigned_long' },
            { name: 'tags', type: 'keyword' },
          ],
          values: [
            [18446744073709551615n, ['a', 'b']],
            [null, 'c'],
          ],
          isPartial: false,
          documentsFound: 2,
          valuesLoaded: 4,
          warnings: ['Line 1:1: evaluation of [x] failed'],
          tookMs: 10,
          startTimeMs: f.now() - 10,
          completionTimeMs: f.now(),
        },
      },
      ...extra,
    });

    describe('ResultStore', () => {
      it('returns what was put (bigints, nulls, multi-values, warnings, owner)', async () => {
        const e = entry('q1', 60_000);
        await f.results.put(e);
        expect(await f.results.get('q1')).toEqual(e);
      });

      it('keeps a stored error and an absent owner as they were', async () => {
        const e: StoredQuery = {
          id: 'q2',
          startTimeMs: f.now(),
          expirationTimeMs: f.now() + 60_000,
          outcome: { error: { type: 'verification_exception', reason: 'Found 1 problem\nline 1:1: x', status: 400 } },
        };
        await f.results.put(e);
        const got = await f.results.get('q2');
        expect(got).toEqual(e);
        expect(got && 'owner' in got ? got.owner : undefined).toBeUndefined();
      });

      it('putIfAbsent stores once: a live entry is never replaced, an expired one is', async () => {
        const first = entry('q6', 1_000);
        expect(await f.results.putIfAbsent(first)).toBe(true);
        const second: StoredQuery = {
          ...entry('q6', 60_000),
          outcome: { error: { type: 'status_exception', reason: 'lost', status: 500 } },
        };
        expect(await f.results.putIfAbsent(second)).toBe(false);
        expect(await f.results.get('q6')).toEqual(first);
        await f.advance(1_000);
        expect(await f.results.putIfAbsent(second)).toBe(true);
        expect((await f.results.get('q6'))?.outcome).toEqual(second.outcome);
      });

      it('answers undefined for an unknown id', async () => {
        expect(await f.results.get('missing')).toBeUndefined();
      });

      it('treats an entry as gone once its expiration time is reached', async () => {
        await f.results.put(entry('q3', 1_000));
        await f.advance(999);
        expect(await f.results.get('q3')).toBeDefined();
        await f.advance(1);
        expect(await f.results.get('q3')).toBeUndefined();
        expect(await f.results.delete('q3')).toBe(false);
      });

      it('extend moves the expiration later, never earlier', async () => {
        const e = entry('q4', 1_000);
        await f.results.put(e);
        await f.results.extend('q4', e.expirationTimeMs + 5_000);
        expect((await f.results.get('q4'))?.expirationTimeMs).toBe(e.expirationTimeMs + 5_000);
        await f.results.extend('q4', e.expirationTimeMs);
        expect((await f.results.get('q4'))?.expirationTimeMs).toBe(e.expirationTimeMs + 5_000);
        await f.advance(2_000);
        expect(await f.results.get('q4')).toBeDefined();
      });

      it('extend of an unknown id does nothing', async () => {
        await f.results.extend('nope', f.now() + 10_000);
        expect(await f.results.get('nope')).toBeUndefined();
      });

      it('delete reports whether something was deleted', async () => {
        await f.results.put(entry('q5', 60_000));
        expect(await f.results.delete('q5')).toBe(true);
        expect(await f.results.get('q5')).toBeUndefined();
        expect(await f.results.delete('q5')).toBe(false);
      });

      it('put replaces an entry with the same id', async () => {
        await f.results.put(entry('q6', 60_000));
        const replacement = entry('q6', 120_000, { owner: 'bob' });
        await f.results.put(replacement);
        expect(await f.results.get('q6')).toEqual(replacement);
      });
    });

    describe('StatusBus', () => {
      const event = (id: string, seq: number, state: StatusEvent['state'] = 'running'): StatusEvent => ({
        id,
        seq,
        state,
        ...(state === 'done' ? { outcome: 'completed' as const } : {}),
        progress: { rows_processed: seq * 10, rows_total: null, pages: seq, elapsed_ms: seq },
        node: 'n1',
      });

      it('delivers a query’s events in publish order to each of its subscribers only', async () => {
        const a: StatusEvent[] = [];
        const b: StatusEvent[] = [];
        const other: StatusEvent[] = [];
        await f.status.subscribe('s1', (e) => a.push(e));
        await f.status.subscribe('s1', (e) => b.push(e));
        await f.status.subscribe('s2', (e) => other.push(e));
        const sent = [event('s1', 1, 'submitted'), event('s1', 2), event('s1', 3, 'done')];
        for (const e of sent) await f.status.publish(e);
        await eventually(() => expect(a).toEqual(sent));
        await eventually(() => expect(b).toEqual(sent));
        expect(other).toEqual([]);
      });

      it('mirrors the latest event; a late, older event does not replace a newer one', async () => {
        expect(await f.status.latest('s3')).toBeUndefined();
        await f.status.publish(event('s3', 1, 'submitted'));
        await f.status.publish(event('s3', 3, 'done'));
        await f.status.publish(event('s3', 2));
        expect(await f.status.latest('s3')).toEqual(event('s3', 3, 'done'));
      });

      it('stops delivering after unsubscribe', async () => {
        const got: StatusEvent[] = [];
        const unsubscribe = await f.status.subscribe('s4', (e) => got.push(e));
        await f.status.publish(event('s4', 1));
        await eventually(() => expect(got).toHaveLength(1));
        unsubscribe();
        await f.status.publish(event('s4', 2));
        // A later event on another channel proves the bus has moved past the unsubscribed one.
        const marker: StatusEvent[] = [];
        await f.status.subscribe('s5', (e) => marker.push(e));
        await f.status.publish(event('s5', 1));
        await eventually(() => expect(marker).toHaveLength(1));
        expect(got).toHaveLength(1);
      });
    });

    describe('ControlChannel', () => {
      it('delivers commands to the listeners of the addressed node only', async () => {
        const n1: ControlCommand[] = [];
        const n2: ControlCommand[] = [];
        await f.control.listen('n1', (c) => n1.push(c));
        await f.control.listen('n2', (c) => n2.push(c));
        await f.control.send('n1', { type: 'stop', id: 'q1' });
        await f.control.send('n1', { type: 'cancel', id: 'q2' });
        await eventually(() =>
          expect(n1).toEqual([
            { type: 'stop', id: 'q1' },
            { type: 'cancel', id: 'q2' },
          ]),
        );
        expect(n2).toEqual([]);
      });

      it('sending to a node nobody listens for is not an error', async () => {
        await expect(f.control.send('ghost', { type: 'stop', id: 'q' })).resolves.toBeUndefined();
      });

      it('stops delivering after unlisten', async () => {
        const got: ControlCommand[] = [];
        const unlisten = await f.control.listen('n3', (c) => got.push(c));
        await f.control.send('n3', { type: 'stop', id: 'a' });
        await eventually(() => expect(got).toHaveLength(1));
        unlisten();
        await f.control.send('n3', { type: 'stop', id: 'b' });
        const marker: ControlCommand[] = [];
        await f.control.listen('n4', (c) => marker.push(c));
        await f.control.send('n4', { type: 'stop', id: 'c' });
        await eventually(() => expect(marker).toHaveLength(1));
        expect(got).toHaveLength(1);
      });
    });

    describe('RunningQueryDirectory', () => {
      const record = (id: string) => ({ id, owner: 'alice', node: 'n1', startTimeMs: 1_000, expirationTimeMs: 5_000 });

      it('returns what was put, until deleted', async ({ skip }) => {
        if (f.directory === undefined) return skip();
        expect(await f.directory.get('r1')).toBeUndefined();
        await f.directory.put(record('r1'));
        expect(await f.directory.get('r1')).toEqual(record('r1'));
        await f.directory.delete('r1');
        expect(await f.directory.get('r1')).toBeUndefined();
        await f.directory.delete('r1');
      });

      it('keeps the submit’s columnar and allow_partial_results=false marks (the node finishing an orphan reads them)', async ({ skip }) => {
        if (f.directory === undefined) return skip();
        const marked = { ...record('r3'), columnar: true as const, allowPartialResults: false as const };
        await f.directory.put(marked);
        expect(await f.directory.get('r3')).toEqual(marked);
        await f.directory.extend('r3', 9_000);
        expect(await f.directory.get('r3')).toEqual({ ...marked, expirationTimeMs: 9_000 });
      });

      it('extend moves the expiration later, never earlier; unknown ids are left alone', async ({ skip }) => {
        if (f.directory === undefined) return skip();
        await f.directory.put(record('r2'));
        await f.directory.extend('r2', 9_000);
        expect((await f.directory.get('r2'))?.expirationTimeMs).toBe(9_000);
        await f.directory.extend('r2', 6_000);
        expect((await f.directory.get('r2'))?.expirationTimeMs).toBe(9_000);
        await f.directory.extend('nope', 9_000);
        expect(await f.directory.get('nope')).toBeUndefined();
      });

      const checkpoint = (n: number): QueryCheckpoint => ({
        takenAtMs: 2_000 + n,
        result: {
          columns: [
            { name: 'c', type: 'long' },
            { name: 'big', type: 'unsigned_long' },
          ],
          values: [[n, 18446744073709551615n]],
          isPartial: true,
          documentsFound: n,
          valuesLoaded: n,
          warnings: ['Line 1:1: evaluation of [x] failed'],
        },
      });

      it('keeps the latest checkpoint of a recorded query (bigints intact), removed with the record', async ({ skip }) => {
        if (f.directory === undefined) return skip();
        await f.directory.put(record('c1'));
        expect(await f.directory.getCheckpoint('c1')).toBeUndefined();
        expect(await f.directory.checkpoint('c1', checkpoint(1))).toBe(true);
        expect(await f.directory.checkpoint('c1', checkpoint(2))).toBe(true);
        expect(await f.directory.getCheckpoint('c1')).toEqual(checkpoint(2));
        expect(await f.directory.get('c1')).toEqual(record('c1'));
        await f.directory.delete('c1');
        expect(await f.directory.getCheckpoint('c1')).toBeUndefined();
      });

      it('a checkpoint without a record is not written; put of a new record drops the old checkpoint', async ({ skip }) => {
        if (f.directory === undefined) return skip();
        expect(await f.directory.checkpoint('c2', checkpoint(1))).toBe(false);
        await f.directory.put(record('c2'));
        expect(await f.directory.getCheckpoint('c2')).toBeUndefined();
        await f.directory.checkpoint('c2', checkpoint(1));
        await f.directory.put(record('c2'));
        expect(await f.directory.getCheckpoint('c2')).toBeUndefined();
      });
    });

    describe('NodeRegistry', () => {
      it('a node is alive from its heartbeat until its TTL runs out', async () => {
        expect(await f.nodes.isAlive('n1')).toBe(false);
        await f.nodes.heartbeat('n1', 1_000);
        expect(await f.nodes.isAlive('n1')).toBe(true);
        await f.advance(600);
        await f.nodes.heartbeat('n1', 1_000);
        await f.advance(600);
        expect(await f.nodes.isAlive('n1')).toBe(true);
        await f.advance(400);
        expect(await f.nodes.isAlive('n1')).toBe(false);
      });

      it('deregister ends liveness at once', async () => {
        await f.nodes.heartbeat('n2', 60_000);
        await f.nodes.deregister('n2');
        expect(await f.nodes.isAlive('n2')).toBe(false);
      });
    });
  });
}
