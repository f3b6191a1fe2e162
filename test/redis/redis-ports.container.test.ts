import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createRedisPorts } from '../../src/redis/create-redis-ports.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { portsContract } from '../runtime/ports-contract.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

// Expiry is judged with the adapters' Clock: a simulated one moves time without waiting for Redis TTLs.
portsContract('redis adapters', async () => {
  const clock = new SimulatedClock();
  const ports = await createRedisPorts(redis.url, { prefix: `test-${randomUUID()}`, clock });
  return {
    ...ports,
    now: () => clock.now(),
    advance: (ms) => Promise.resolve(clock.advance(ms)),
    close: () => ports.close(),
  };
});
