import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeys } from '../../src/redis/keys.js';
import { API_KEY_RETENTION_MS, RedisApiKeyStore } from '../../src/redis/redis-api-key-store.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { apiKeyStoreContract } from '../security/api-key-store-contract.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

let redis: TestRedis;
const connections: Redis[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await redis?.stop();
});

function connect(): Redis {
  const c = new Redis(redis.url);
  connections.push(c);
  return c;
}

apiKeyStoreContract('redis', () => {
  const clock = new SimulatedClock();
  const connection = connect();
  return Promise.resolve({
    store: new RedisApiKeyStore(connection, new RedisKeys(`test-${randomUUID()}`), () => clock.now()),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    close: () => connection.quit().then(() => undefined),
  });
});

describe('RedisApiKeyStore', () => {
  const spec = { name: 'ci', username: 'alice', roles: ['user'] };

  it('stores the SHA-256 of the secret, never the secret', async () => {
    const keys = new RedisKeys(`test-${randomUUID()}`);
    const raw = connect();
    const key = await new RedisApiKeyStore(raw, keys, Date.now).create(spec);
    const stored = await raw.hgetall(keys.apiKey(key.id));
    expect(stored.hash).toBe(createHash('sha256').update(key.apiKey).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key.apiKey);
  });

  it('is shared by every store on the same Redis: an invalidation on one is refused at once by the other', async () => {
    const keys = new RedisKeys(`test-${randomUUID()}`);
    const nodeA = new RedisApiKeyStore(connect(), keys, Date.now);
    const nodeB = new RedisApiKeyStore(connect(), keys, Date.now);
    const key = await nodeA.create(spec);
    expect((await nodeB.verify(key.id, key.apiKey))?.username).toBe('alice');
    expect(await nodeB.invalidate([key.id], () => true)).toEqual({ invalidated: [key.id], previouslyInvalidated: [] });
    expect(await nodeA.verify(key.id, key.apiKey)).toBeUndefined();
    expect(await nodeA.invalidate([key.id], () => true)).toEqual({ invalidated: [], previouslyInvalidated: [key.id] });

    // A store built later (a restarted node) still knows the keys.
    const kept = await nodeA.create(spec);
    const restarted = new RedisApiKeyStore(connect(), keys, Date.now);
    expect((await restarted.verify(kept.id, kept.apiKey))?.id).toBe(kept.id);
    expect(await restarted.verify(key.id, key.apiKey)).toBeUndefined();
  });

  it('lets Redis forget expired and invalidated keys after the retention period, and drops them from the list', async () => {
    const keys = new RedisKeys(`test-${randomUUID()}`);
    const raw = connect();
    const store = new RedisApiKeyStore(raw, keys, Date.now);
    const expiring = await store.create({ ...spec, expiresInMs: 60_000 });
    const forever = await store.create(spec);
    const pttl = await raw.pttl(keys.apiKey(expiring.id));
    expect(pttl).toBeGreaterThan(API_KEY_RETENTION_MS);
    expect(pttl).toBeLessThanOrEqual(API_KEY_RETENTION_MS + 60_000);
    expect(await raw.pttl(keys.apiKey(forever.id))).toBe(-1);

    await store.invalidate([forever.id], () => true);
    const afterInvalidation = await raw.pttl(keys.apiKey(forever.id));
    expect(afterInvalidation).toBeGreaterThan(0);
    expect(afterInvalidation).toBeLessThanOrEqual(API_KEY_RETENTION_MS);

    // What Redis does once the retention period is over.
    await raw.del(keys.apiKey(forever.id));
    expect((await store.list()).map((r) => r.id)).toEqual([expiring.id]);
    expect(await raw.sismember(keys.apiKeyIds(), forever.id)).toBe(0);
    expect(await store.invalidate([forever.id], () => true)).toEqual({ invalidated: [], previouslyInvalidated: [] });
  });
});
