import { describe, expect, it } from 'vitest';
import { API_KEY_RETENTION_MS } from '../../src/security/api-key-store.js';
import { MemoryApiKeyStore } from '../../src/security/memory-api-key-store.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { apiKeyStoreContract } from './api-key-store-contract.js';

apiKeyStoreContract('memory', () => {
  const clock = new SimulatedClock();
  return Promise.resolve({
    store: new MemoryApiKeyStore(() => clock.now()),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    close: () => Promise.resolve(),
  });
});

describe('MemoryApiKeyStore retention', () => {
  const spec = { name: 'ci', username: 'alice', roles: ['user'] };
  const anyone = () => true;
  function store() {
    const clock = new SimulatedClock();
    return { clock, store: new MemoryApiKeyStore(() => clock.now()) };
  }

  it('forgets an expired key once the retention period after its expiration is over, as Redis does', async () => {
    const { clock, store: keys } = store();
    const key = await keys.create({ ...spec, expiresInMs: 60_000 });
    clock.advance(60_000 + API_KEY_RETENTION_MS - 1);
    expect(await keys.get(key.id)).toMatchObject({ id: key.id, invalidated: false });
    expect((await keys.invalidate([key.id], anyone)).invalidated).toEqual([key.id]);
    clock.advance(1);
    expect(await keys.get(key.id)).toBeUndefined();
    expect(await keys.list()).toEqual([]);
    expect(await keys.invalidate([key.id], anyone)).toEqual({ invalidated: [], previouslyInvalidated: [] });
  });

  it('forgets an invalidated key the retention period after its invalidation; valid keys stay', async () => {
    const { clock, store: keys } = store();
    const forever = await keys.create(spec);
    const revoked = await keys.create(spec);
    clock.advance(1_000);
    await keys.invalidate([revoked.id], anyone);
    clock.advance(API_KEY_RETENTION_MS - 1);
    expect((await keys.invalidate([revoked.id], anyone)).previouslyInvalidated).toEqual([revoked.id]);
    clock.advance(1);
    expect(await keys.get(revoked.id)).toBeUndefined();
    expect(await keys.verify(revoked.id, revoked.apiKey)).toBeUndefined();
    expect((await keys.list()).map((r) => r.id)).toEqual([forever.id]);
    clock.advance(365 * 86_400_000);
    expect(await keys.verify(forever.id, forever.apiKey)).toMatchObject({ id: forever.id });
  });

  it('drops forgotten keys from memory when the next key is created', async () => {
    const { clock, store: keys } = store();
    const old = await keys.create({ ...spec, expiresInMs: 1 });
    clock.advance(1 + API_KEY_RETENTION_MS);
    await keys.create(spec);
    // Reached through the private map: what the process still holds, not what reads show.
    const held = (keys as unknown as { keys: Map<string, unknown> }).keys;
    expect([...held.keys()]).not.toContain(old.id);
    expect(held.size).toBe(1);
  });
});
