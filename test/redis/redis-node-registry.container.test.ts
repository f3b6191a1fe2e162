import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../../src/redis/create-redis-ports.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

describe('RedisNodeRegistry across a Redis outage', () => {
  let redis: TestRedis;
  const open: RedisPorts[] = [];
  const ports = async (prefix: string) => {
    const p = await createRedisPorts(redis.url, { prefix, clock: new SystemClock() });
    open.push(p);
    return p;
  };

  beforeAll(async () => {
    redis = await startTestRedis({ restartable: true });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a live node whose heartbeat expired during the outage is not declared dead; a dead one still is', async () => {
    const prefix = `test-${randomUUID()}`;
    const live = await ports(prefix);
    const observer = await ports(prefix);
    const doomed = await ports(prefix);
    await live.nodes.heartbeat('live', 1_000);
    await observer.nodes.heartbeat('observer', 1_000);
    await doomed.nodes.heartbeat('dead', 1_000);
    await doomed.close();

    // Down longer than the TTL: every heartbeat key has expired when Redis is back.
    await redis.restart(1_500);
    expect(await observer.nodes.isAlive('live')).toBe(true);

    // The dead node gets one TTL of grace, then is gone; the live one re-beat on reconnect.
    const deadline = Date.now() + 10_000;
    while ((await observer.nodes.isAlive('dead')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await observer.nodes.isAlive('dead')).toBe(false);
    await live.nodes.heartbeat('live', 1_000);
    expect(await observer.nodes.isAlive('live')).toBe(true);
  });
});
