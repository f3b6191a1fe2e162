import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts } from '../../src/redis/create-redis-ports.js';
import { EVICTION_SLACK_MS } from '../../src/redis/eviction-ttl.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

describe('RedisResultStore eviction', () => {
  let redis: TestRedis;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await redis?.stop();
  });

  it('gives the key a Redis TTL that follows the expiration (plus slack), extended with it', async () => {
    const clock = new SimulatedClock();
    const ports = await createRedisPorts(redis.url, { prefix: `test-${randomUUID()}`, clock });
    try {
      const error = { type: 'status_exception' as const, reason: 'x', status: 500 };
      await ports.results.put({ id: 'q', startTimeMs: clock.now(), expirationTimeMs: clock.now() + 60_000, outcome: { error } });
      const key = ports.keys.result('q');
      const first = await admin.pttl(key);
      expect(first).toBeGreaterThan(55_000);
      expect(first).toBeLessThanOrEqual(60_000 + EVICTION_SLACK_MS);

      await ports.results.extend('q', clock.now() + 600_000);
      expect(await admin.pttl(key)).toBeGreaterThan(595_000);

      // Already expired by the Clock when put: nothing is kept.
      await ports.results.put({ id: 'q', startTimeMs: clock.now(), expirationTimeMs: clock.now(), outcome: { error } });
      expect(await admin.exists(key)).toBe(0);
    } finally {
      await ports.close();
    }
  });
});
