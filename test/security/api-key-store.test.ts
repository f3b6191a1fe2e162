import { describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/security/api-key-store.js';

describe('ApiKeyStore', () => {
  const spec = { name: 'ci', username: 'alice', roles: ['user'] };

  it('creates a key whose encoded form is base64(id:api_key)', () => {
    const store = new ApiKeyStore();
    const key = store.create(spec);
    expect(Buffer.from(key.encoded, 'base64').toString()).toBe(`${key.id}:${key.apiKey}`);
    expect(store.verify(key.id, key.apiKey)?.username).toBe('alice');
    expect(store.verify(key.id, `${key.apiKey}x`)).toBeUndefined();
    expect(store.verify('unknown', key.apiKey)).toBeUndefined();
  });

  it('does not keep the secret itself', () => {
    const store = new ApiKeyStore();
    const key = store.create(spec);
    expect(JSON.stringify(store.get(key.id))).not.toContain(key.apiKey);
  });

  it('expires keys', () => {
    let now = 1000;
    const store = new ApiKeyStore(() => now);
    const key = store.create({ ...spec, expirationMs: 2000 });
    expect(store.verify(key.id, key.apiKey)).toBeDefined();
    now = 2000;
    expect(store.verify(key.id, key.apiKey)).toBeUndefined();
  });

  it('invalidates once, then reports the key as previously invalidated', () => {
    const store = new ApiKeyStore();
    const key = store.create(spec);
    const other = store.create({ ...spec, username: 'bob' });
    const mine = (r: { username: string }) => r.username === 'alice';
    expect(store.invalidate([key.id, other.id, 'nope'], mine)).toEqual({ invalidated: [key.id], previouslyInvalidated: [] });
    expect(store.invalidate([key.id], mine)).toEqual({ invalidated: [], previouslyInvalidated: [key.id] });
    expect(store.verify(key.id, key.apiKey)).toBeUndefined();
    expect(store.verify(other.id, other.apiKey)).toBeDefined();
  });
});
