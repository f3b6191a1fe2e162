import { apiKeySecretMatches, newApiKeyCredentials } from './api-key-secret.js';
import {
  isExpired,
  type ApiKeyRecord,
  type ApiKeySpec,
  type ApiKeyStore,
  type CreatedApiKey,
  type InvalidationResult,
} from './api-key-store.js';

interface StoredKey {
  record: ApiKeyRecord;
  readonly secretHash: Buffer;
}

/**
 * API keys in this process's memory (embedded mode): they work on this node only and are lost on
 * restart. Cluster mode uses RedisApiKeyStore instead.
 */
export class MemoryApiKeyStore implements ApiKeyStore {
  private readonly keys = new Map<string, StoredKey>();

  constructor(private readonly now: () => number = Date.now) {}

  create(spec: ApiKeySpec): Promise<CreatedApiKey> {
    const credentials = newApiKeyCredentials();
    const { expiresInMs, ...rest } = spec;
    const creationMs = this.now();
    const expirationMs = expiresInMs === undefined ? undefined : creationMs + expiresInMs;
    const record: ApiKeyRecord = {
      ...rest,
      id: credentials.id,
      creationMs,
      ...(expirationMs === undefined ? {} : { expirationMs }),
      invalidated: false,
    };
    this.keys.set(credentials.id, { record, secretHash: credentials.secretHash });
    return Promise.resolve({
      id: credentials.id,
      name: spec.name,
      apiKey: credentials.secret,
      encoded: credentials.encoded,
      ...(expirationMs === undefined ? {} : { expirationMs }),
    });
  }

  verify(id: string, secret: string): Promise<ApiKeyRecord | undefined> {
    const stored = this.keys.get(id);
    if (!apiKeySecretMatches(secret, stored?.secretHash) || stored === undefined) return Promise.resolve(undefined);
    const r = stored.record;
    return Promise.resolve(r.invalidated || isExpired(r, this.now()) ? undefined : r);
  }

  get(id: string): Promise<ApiKeyRecord | undefined> {
    return Promise.resolve(this.keys.get(id)?.record);
  }

  list(): Promise<ApiKeyRecord[]> {
    return Promise.resolve([...this.keys.values()].map((k) => k.record));
  }

  invalidate(ids: readonly string[], mayInvalidate: (record: ApiKeyRecord) => boolean): Promise<InvalidationResult> {
    const result: InvalidationResult = { invalidated: [], previouslyInvalidated: [] };
    for (const id of new Set(ids)) {
      const stored = this.keys.get(id);
      if (stored === undefined || !mayInvalidate(stored.record)) continue;
      if (stored.record.invalidated) result.previouslyInvalidated.push(id);
      else {
        stored.record = { ...stored.record, invalidated: true };
        result.invalidated.push(id);
      }
    }
    return Promise.resolve(result);
  }
}
