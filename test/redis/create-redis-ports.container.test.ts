import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, redactUrl } from '../../src/redis/create-redis-ports.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('createRedisPorts', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('rejects at once, naming the URL without its password, when Redis is unreachable', async () => {
    const port = await closedPort();
    await expect(createRedisPorts(`redis://user:secret@127.0.0.1:${port}`, { clock: new SystemClock() })).rejects.toThrow(
      `cannot connect to Redis at [redis://***@127.0.0.1:${port}]`,
    );
  });

  it('keeps data of different prefixes apart', async () => {
    const clock = new SystemClock();
    const one = await createRedisPorts(redis.url, { prefix: `test-${randomUUID()}`, clock });
    const two = await createRedisPorts(redis.url, { prefix: `test-${randomUUID()}`, clock });
    try {
      await one.nodes.heartbeat('n', 60_000);
      expect(await one.nodes.isAlive('n')).toBe(true);
      expect(await two.nodes.isAlive('n')).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('close is idempotent and ends both connections', async () => {
    const ports = await createRedisPorts(redis.url, { prefix: `test-${randomUUID()}`, clock: new SystemClock() });
    await ports.close();
    await ports.close();
    await expect(ports.nodes.isAlive('n')).rejects.toThrow();
  });

  it('redactUrl hides credentials only', () => {
    expect(redactUrl('redis://:pw@h:1/0')).toBe('redis://***@h:1/0');
    expect(redactUrl('redis://h:1')).toBe('redis://h:1');
  });
});
