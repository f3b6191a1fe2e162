import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClusterPrivilege } from './roles.js';

/**
 * Elasticsearch-style API keys: a random id and a random secret; the client sends
 * `Authorization: ApiKey base64(id:secret)`. Only a SHA-256 of the secret is kept (the secret has
 * 128 random bits, so a slow hash adds nothing), compared in constant time. Keys can expire and be
 * invalidated; an invalidated key stays listed so a second invalidation reports it as "previously".
 * Held in memory on this node: keys do not survive a restart and are not shared across a cluster.
 */

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  /** The owner's roles when the key was created (ES: the key's "limited-by" roles). */
  readonly roles: readonly string[];
  /** When the request named role_descriptors: the privileges the key is restricted to. */
  readonly restrictedTo?: ReadonlySet<ClusterPrivilege>;
  readonly creationMs: number;
  readonly expirationMs?: number;
  invalidated: boolean;
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

interface StoredKey {
  readonly record: ApiKeyRecord;
  readonly secretHash: Buffer;
}

export class ApiKeyStore {
  private readonly keys = new Map<string, StoredKey>();

  constructor(private readonly now: () => number = Date.now) {}

  create(spec: Omit<ApiKeyRecord, 'id' | 'creationMs' | 'invalidated'>): CreatedApiKey {
    const id = randomBytes(15).toString('base64url');
    const secret = randomBytes(16).toString('base64url');
    const record: ApiKeyRecord = { ...spec, id, creationMs: this.now(), invalidated: false };
    this.keys.set(id, { record, secretHash: sha256(secret) });
    return {
      id,
      name: spec.name,
      apiKey: secret,
      encoded: Buffer.from(`${id}:${secret}`, 'utf8').toString('base64'),
      ...(spec.expirationMs === undefined ? {} : { expirationMs: spec.expirationMs }),
    };
  }

  /** The key's record if the secret matches and the key is neither invalidated nor expired. */
  verify(id: string, secret: string): ApiKeyRecord | undefined {
    const stored = this.keys.get(id);
    // Hash even for an unknown id, so a lookup miss costs what a wrong secret costs.
    const given = sha256(secret);
    if (stored === undefined || !timingSafeEqual(given, stored.secretHash)) return undefined;
    const r = stored.record;
    if (r.invalidated || (r.expirationMs !== undefined && r.expirationMs <= this.now())) return undefined;
    return r;
  }

  get(id: string): ApiKeyRecord | undefined {
    return this.keys.get(id)?.record;
  }

  /** Invalidates the named keys that `mayInvalidate` allows; ids it may not see are skipped silently, as in ES. */
  invalidate(ids: readonly string[], mayInvalidate: (record: ApiKeyRecord) => boolean): InvalidationResult {
    const result: InvalidationResult = { invalidated: [], previouslyInvalidated: [] };
    for (const id of new Set(ids)) {
      const record = this.keys.get(id)?.record;
      if (record === undefined || !mayInvalidate(record)) continue;
      if (record.invalidated) result.previouslyInvalidated.push(id);
      else {
        record.invalidated = true;
        result.invalidated.push(id);
      }
    }
    return result;
  }

  /** Ids of the keys matching a predicate (the `name` / `username` / `owner` forms of invalidation). */
  idsWhere(predicate: (record: ApiKeyRecord) => boolean): string[] {
    const out: string[] = [];
    for (const { record } of this.keys.values()) if (predicate(record)) out.push(record.id);
    return out;
  }
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
