import type { ClusterPrivilege } from './roles.js';

/**
 * The port for Elasticsearch-style API keys: a random id and a random secret; the client sends
 * `Authorization: ApiKey base64(id:secret)`. Adapters keep only a SHA-256 of the secret and compare
 * it in constant time (api-key-secret.ts). Keys can expire and be invalidated; an invalidated key
 * stays listed so that a second invalidation reports it as "previously invalidated".
 * Adapters: MemoryApiKeyStore (embedded mode: one node, lost on restart) and RedisApiKeyStore
 * (cluster mode: shared by every node, survives restarts, an invalidation is seen by the next verify).
 */
export interface ApiKeyStore {
  create(spec: ApiKeySpec): Promise<CreatedApiKey>;
  /** The key's record if the secret matches and the key is neither invalidated nor expired. */
  verify(id: string, secret: string): Promise<ApiKeyRecord | undefined>;
  /** Any stored key, invalidated or expired ones included (until the adapter forgets them). */
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every stored key (the `name` / `username` / `owner` forms of invalidation search these). */
  list(): Promise<ApiKeyRecord[]>;
  /** Invalidates the named keys that `mayInvalidate` allows; ids it may not see are skipped silently, as in ES. */
  invalidate(ids: readonly string[], mayInvalidate: (record: ApiKeyRecord) => boolean): Promise<InvalidationResult>;
}

export interface ApiKeySpec {
  readonly name: string;
  readonly username: string;
  /** The owner's roles when the key is created (ES: the key's "limited-by" roles). */
  readonly roles: readonly string[];
  /** When the request named role_descriptors: the privileges the key is restricted to. */
  readonly restrictedTo?: ReadonlySet<ClusterPrivilege>;
  /** Lifetime from creation; absent: the key never expires. */
  readonly expiresInMs?: number;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly restrictedTo?: ReadonlySet<ClusterPrivilege>;
  readonly creationMs: number;
  readonly expirationMs?: number;
  readonly invalidated: boolean;
}

export interface CreatedApiKey {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  readonly encoded: string;
  readonly expirationMs?: number;
}

export interface InvalidationResult {
  readonly invalidated: string[];
  readonly previouslyInvalidated: string[];
}

/**
 * How long an expired or invalidated key is kept before its store forgets it (ES's
 * `xpack.security.authc.api_key.delete.retention_period` default): until then a second invalidation
 * reports it as "previously invalidated".
 */
export const API_KEY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** A key authenticates only until it expires; `expirationMs` itself is already too late. */
export const isExpired = (record: ApiKeyRecord, nowMs: number): boolean =>
  record.expirationMs !== undefined && record.expirationMs <= nowMs;
