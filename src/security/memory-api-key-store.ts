import { apiKeySecretMatches, newApiKeyCredentials } from './api-key-secret.js';
import {
  API_KEY_RETENTION_MS,
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
  /** When the store forgets the key, as Redis drops it at its TTL; undefined: never (valid, no expiration). */
  forgetAtMs: number | undefined;
}

/**
 * API keys in this process's memory (embedded mode): they work on this node only and are lost on
 * restart. Cluster mode uses RedisApiKeyStore instead. Like it, an expired key is forgotten
 * API_KEY_RETENTION_MS after its expiration, an invalidated one that long after its invalidation
 * (whichever comes first). Forgetting needs no timer: a forgotten key is treated as absent by every
 * read, and the map is swept of them whenever a key is created: the only way it grows.
 */
export class MemoryApiKeyStore implements ApiKeyStore {
  private readonly keys = new Map<string, StoredKey>();

  constructor(private readonly now: () => number = Date.now) {}

  create(spec: ApiKeySpec): Promise<CreatedApiKey> {
    this.sweep();
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
    const forgetAtMs = expirationMs === undefined ? undefined : expirationMs + API_KEY_RETENTION_MS;
    this.keys.set(credentials.id, { record, secretHash: credentials.secretHash, forgetAtMs });
    return Promise.resolve({
      id: credentials.id,
      name: spec.name,
      apiKey: credentials.secret,
      encoded: credentials.encoded,
      ...(expirationMs === undefined ? {} : { expirationMs }),
    });
  }

  verify(id: string, secret: string): Promise<ApiKeyRecord | undefined> {
    const stored = this.remembered(id);
    if (!apiKeySecretMatches(secret, stored?.secretHash) || stored === undefined) return Promise.resolve(undefined);
    const r = stored.record;
    return Promise.resolve(r.invalidated || isExpired(r, this.now()) ? undefined : r);
  }

  get(id: string): Promise<ApiKeyRecord | undefined> {
    return Promise.resolve(this.remembered(id)?.record);
  }

  list(): Promise<ApiKeyRecord[]> {
    const now = this.now();
    return Promise.resolve([...this.keys.values()].filter((k) => !isForgotten(k, now)).map((k) => k.record));
  }

  invalidate(ids: readonly string[], mayInvalidate: (record: ApiKeyRecord) => boolean): Promise<InvalidationResult> {
    const result: InvalidationResult = { invalidated: [], previouslyInvalidated: [] };
    const now = this.now();
    for (const id of new Set(ids)) {
      const stored = this.remembered(id);
      if (stored === undefined || !mayInvalidate(stored.record)) continue;
      if (stored.record.invalidated) result.previouslyInvalidated.push(id);
      else {
        stored.record = { ...stored.record, invalidated: true };
        // As the Redis store's script: the retention period from now, unless it was due sooner.
        stored.forgetAtMs = Math.min(stored.forgetAtMs ?? Number.POSITIVE_INFINITY, now + API_KEY_RETENTION_MS);
        result.invalidated.push(id);
      }
    }
    return Promise.resolve(result);
  }

  /** The key if the store still remembers it. */
  private remembered(id: string): StoredKey | undefined {
    const stored = this.keys.get(id);
    return stored === undefined || isForgotten(stored, this.now()) ? undefined : stored;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, stored] of this.keys) if (isForgotten(stored, now)) this.keys.delete(id);
  }
}

const isForgotten = (stored: StoredKey, nowMs: number): boolean =>
  stored.forgetAtMs !== undefined && stored.forgetAtMs <= nowMs;
