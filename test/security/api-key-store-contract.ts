import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_RETENTION_MS, type ApiKeyRecord, type ApiKeyStore } from '../../src/security/api-key-store.js';

/**
 * The behaviour every ApiKeyStore adapter must have, run against MemoryApiKeyStore and
 * RedisApiKeyStore. The fixture owns time (a clock shared with the adapter), so expiry is exact.
 */
export interface ApiKeyStoreFixture {
  readonly store: ApiKeyStore;
  now(): number;
  advance(ms: number): void;
  close(): Promise<void>;
}

const spec = { name: 'ci', username: 'alice', roles: ['user'] };
const anyone = () => true;

export function apiKeyStoreContract(name: string, create: () => Promise<ApiKeyStoreFixture>): void {
  describe(`ApiKeyStore contract: ${name}`, () => {
    let f: ApiKeyStoreFixture;
    let store: ApiKeyStore;
    beforeEach(async () => {
      f = await create();
      store = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    it('creates a key whose encoded form is base64(id:api_key) and verifies only its own secret', async () => {
      const key = await store.create(spec);
      const other = await store.create(spec);
      expect(Buffer.from(key.encoded, 'base64').toString()).toBe(`${key.id}:${key.apiKey}`);
      expect(key.id).not.toBe(other.id);
      expect(await store.verify(key.id, key.apiKey)).toMatchObject({ id: key.id, name: 'ci', username: 'alice', roles: ['user'] });
      expect(await store.verify(key.id, `${key.apiKey}x`)).toBeUndefined();
      expect(await store.verify(key.id, '')).toBeUndefined();
      expect(await store.verify(key.id, other.apiKey)).toBeUndefined();
      expect(await store.verify('unknown', key.apiKey)).toBeUndefined();
    });

    it('keeps the record (restricted privileges, creation and expiration times) but never the secret', async () => {
      const key = await store.create({ ...spec, restrictedTo: new Set(['cancel_task'] as const), expiresInMs: 60_000 });
      const record = await store.get(key.id);
      expect(record).toMatchObject({ id: key.id, creationMs: f.now(), expirationMs: f.now() + 60_000, invalidated: false });
      expect(key.expirationMs).toBe(f.now() + 60_000);
      expect([...(record?.restrictedTo ?? [])]).toEqual(['cancel_task']);
      expect([...((await store.verify(key.id, key.apiKey))?.restrictedTo ?? [])]).toEqual(['cancel_task']);
      expect(JSON.stringify(record)).not.toContain(key.apiKey);
      expect(JSON.stringify(await store.list())).not.toContain(key.apiKey);
      const plain = await store.create(spec);
      const plainRecord = await store.get(plain.id);
      expect(plainRecord?.restrictedTo).toBeUndefined();
      expect(plainRecord?.expirationMs).toBeUndefined();
      expect(plain.expirationMs).toBeUndefined();
      expect(await store.get('unknown')).toBeUndefined();
    });

    it('refuses a key from its expiration time on, and still lists it (within the retention period)', async () => {
      const key = await store.create({ ...spec, expiresInMs: 1_000 });
      const forever = await store.create(spec);
      f.advance(999);
      expect(await store.verify(key.id, key.apiKey)).toBeDefined();
      f.advance(1);
      expect(await store.verify(key.id, key.apiKey)).toBeUndefined();
      // Stores forget expired keys API_KEY_RETENTION_MS after their expiration: just before that.
      f.advance(API_KEY_RETENTION_MS - 1);
      expect(await store.verify(forever.id, forever.apiKey)).toBeDefined();
      expect((await store.get(key.id))?.id).toBe(key.id);
    });

    it('invalidates once, then reports the key as previously invalidated; other keys keep working', async () => {
      const key = await store.create(spec);
      const other = await store.create({ ...spec, username: 'bob' });
      const mine = (r: ApiKeyRecord) => r.username === 'alice';
      expect(await store.invalidate([key.id, other.id, 'nope', key.id], mine)).toEqual({ invalidated: [key.id], previouslyInvalidated: [] });
      expect(await store.invalidate([key.id], mine)).toEqual({ invalidated: [], previouslyInvalidated: [key.id] });
      expect(await store.verify(key.id, key.apiKey)).toBeUndefined();
      expect(await store.verify(other.id, other.apiKey)).toBeDefined();
      expect((await store.get(key.id))?.invalidated).toBe(true);
      expect((await store.get(other.id))?.invalidated).toBe(false);
    });

    it('lists every key, invalidated ones included', async () => {
      expect(await store.list()).toEqual([]);
      const a = await store.create(spec);
      const b = await store.create({ ...spec, name: 'deploy', username: 'bob' });
      await store.invalidate([b.id], anyone);
      const listed = (await store.list()).map((r) => [r.id, r.name, r.username, r.invalidated]);
      expect(listed.sort()).toEqual(
        [
          [a.id, 'ci', 'alice', false],
          [b.id, 'deploy', 'bob', true],
        ].sort(),
      );
    });
  });
}
