import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../../src/redis/create-redis-ports.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { eventually } from '../runtime/ports-contract.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

const event = (id: string, seq: number, state: StatusEvent['state'] = 'running'): StatusEvent => ({
  id,
  seq,
  state,
  ...(state === 'done' ? { outcome: 'completed' as const } : {}),
  progress: { rows_processed: seq, rows_total: null, pages: seq, elapsed_ms: seq },
  node: 'a',
});

/** Polls for up to ~10 s: reconnects take a few retry periods. */
const eventuallyLong = (check: () => void) => eventually(check, 1_000);

describe('RedisStatusBus across connection loss', () => {
  let redis: TestRedis;
  const open: RedisPorts[] = [];
  const ports = async (prefix: string) => {
    const p = await createRedisPorts(redis.url, { prefix, clock: new SystemClock() });
    open.push(p);
    return p;
  };

  beforeAll(async () => {
    // Its own server: the test restarts it.
    redis = await startTestRedis({ restartable: true });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('drops an event older than one already delivered', async () => {
    const prefix = `test-${randomUUID()}`;
    const subscriberNode = await ports(prefix);
    const got: number[] = [];
    await subscriberNode.status.subscribe('q', (e) => got.push(e.seq));
    const publisherNode = await ports(prefix);
    await publisherNode.status.publish(event('q', 5));
    await publisherNode.status.publish(event('q', 3));
    await publisherNode.status.publish(event('q', 6, 'done'));
    await eventually(() => expect(got).toEqual([5, 6]));
  });

  it('a done published while the subscriber connection is down arrives from the mirror', async () => {
    const prefix = `test-${randomUUID()}`;
    const subscriberNode = await ports(prefix);
    const publisherNode = await ports(prefix);
    const got: StatusEvent[] = [];
    await subscriberNode.status.subscribe('q1', (e) => got.push(e));
    await publisherNode.status.publish(event('q1', 1));
    await eventually(() => expect(got.map((e) => e.seq)).toEqual([1]));

    const admin = new Redis(redis.url);
    try {
      // Drops every subscriber connection; the publish right after finds nobody listening.
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      await publisherNode.status.publish(event('q1', 2, 'done'));
      await eventuallyLong(() => expect(got.map((e) => e.seq)).toEqual([1, 2]));
      expect(got[1]).toEqual(event('q1', 2, 'done'));
    } finally {
      admin.disconnect();
    }
  });

  it('after Redis restarts, a subscriber still reaches the terminal event and the mirror survives', async () => {
    const prefix = `test-${randomUUID()}`;
    const subscriberNode = await ports(prefix);
    const publisherNode = await ports(prefix);
    const got: StatusEvent[] = [];
    await subscriberNode.status.subscribe('q2', (e) => got.push(e));
    await publisherNode.status.publish(event('q2', 1, 'submitted'));
    await eventually(() => expect(got).toHaveLength(1));

    const restarted = redis.restart(500);
    // Published while Redis is going down or down: queued by ioredis and sent once it is back.
    const published = (async () => {
      await new Promise((r) => setTimeout(r, 200));
      await publisherNode.status.publish(event('q2', 2));
      await publisherNode.status.publish(event('q2', 3, 'done'));
    })();
    await restarted;
    await published;
    await eventuallyLong(() => expect(got.at(-1)).toEqual(event('q2', 3, 'done')));
    expect(got.map((e) => e.seq)).toEqual([...got.map((e) => e.seq)].sort((x, y) => x - y));
    expect(await subscriberNode.status.latest('q2')).toEqual(event('q2', 3, 'done'));
  });

  it('reports the lag of every delivered event, and keeps the publish time off the events', async () => {
    const prefix = `test-${randomUUID()}`;
    const lags: number[] = [];
    const subscriberNode = await createRedisPorts(redis.url, { prefix, clock: new SystemClock(), onStatusLag: (s) => lags.push(s) });
    open.push(subscriberNode);
    const publisherNode = await ports(prefix);
    const got: StatusEvent[] = [];
    await subscriberNode.status.subscribe('q3', (e) => got.push(e));
    await publisherNode.status.publish(event('q3', 1));
    await publisherNode.status.publish(event('q3', 2, 'done'));
    await eventually(() => expect(got.map((e) => e.seq)).toEqual([1, 2]));
    expect(lags).toHaveLength(2);
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(0);
    for (const e of [...got, await subscriberNode.status.latest('q3')]) expect(Object.keys(e!)).not.toContain('published_at_ms');
    expect(got).toEqual([event('q3', 1), event('q3', 2, 'done')]);
  });

  it('the control channel listens again after a reconnect', async () => {
    const prefix = `test-${randomUUID()}`;
    const owner = await ports(prefix);
    const asker = await ports(prefix);
    const got: string[] = [];
    await owner.control.listen('a', (c) => got.push(`${c.type}:${c.id}`));
    await redis.restart(200);
    // Resent until the owner's subscriber is back: a command sent before that is lost (at-most-once).
    for (let i = 0; i < 100 && got.length === 0; i++) {
      await asker.control.send('a', { type: 'stop', id: 'x' });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(got[0]).toBe('stop:x');
  });
});
