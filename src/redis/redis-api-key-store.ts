import type { Redis } from 'ioredis';
import { apiKeySecretMatches, newApiKeyCredentials } from '../security/api-key-secret.js';
import {
  API_KEY_RETENTION_MS,
  isExpired,
  type ApiKeyRecord,
  type ApiKeySpec,
  type ApiKeyStore,
  type CreatedApiKey,
  type InvalidationResult,
} from '../security/api-key-store.js';
import type { ClusterPrivilege } from '../security/roles.js';
import { execTransaction } from './exec-transaction.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua-script.js';

// Defined with the port (every store forgets after it); still exported here for existing importers.
export { API_KEY_RETENTION_MS };

/** Marks a key invalidated: 1 newly, 0 already, -1 gone. Shortens its life to the retention period. */
const INVALIDATE_SCRIPT = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HSETNX', KEYS[1], 'invalidated', ARGV[1]) == 0 then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or ttl > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`);

/** What the `record` field holds: the record minus `invalidated` (a field of its own), privileges as a list. */
interface EncodedRecord {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly restrictedTo?: readonly ClusterPrivilege[];
  readonly creationMs: number;
  readonly expirationMs?: number;
}

/**
 * API keys shared by every node of a cluster and surviving node restarts. One hash per key holds the
 * SHA-256 of the secret (never the secret), the record as JSON and, once invalidated, `invalidated`.
 * There is no local cache: every verify reads the hash (one HMGET), so an invalidation on any node is
 * refused by every node from its next request on. Expiry is judged against the injected clock; the
 * key's Redis TTL (expiration plus the retention period) only reclaims memory.
 */
export class RedisApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly now: () => number,
  ) {}

  async create(spec: ApiKeySpec): Promise<CreatedApiKey> {
    const credentials = newApiKeyCredentials();
    const creationMs = this.now();
    const expirationMs = spec.expiresInMs === undefined ? undefined : creationMs + spec.expiresInMs;
    const record: EncodedRecord = {
      id: credentials.id,
      name: spec.name,
      username: spec.username,
      roles: spec.roles,
      ...(spec.restrictedTo === undefined ? {} : { restrictedTo: [...spec.restrictedTo] }),
      creationMs,
      ...(expirationMs === undefined ? {} : { expirationMs }),
    };
    const key = this.keys.apiKey(credentials.id);
    const transaction = this.redis
      .multi()
      .hset(key, 'hash', credentials.secretHash.toString('hex'), 'record', JSON.stringify(record))
      .sadd(this.keys.apiKeyIds(), credentials.id);
    if (expirationMs !== undefined) transaction.pexpire(key, expirationMs - creationMs + API_KEY_RETENTION_MS);
    await execTransaction(transaction);
    return {
      id: credentials.id,
      name: spec.name,
      apiKey: credentials.secret,
      encoded: credentials.encoded,
      ...(expirationMs === undefined ? {} : { expirationMs }),
    };
  }

  async verify(id: string, secret: string): Promise<ApiKeyRecord | undefined> {
    const [hash, record, invalidated] = await this.redis.hmget(this.keys.apiKey(id), 'hash', 'record', 'invalidated');
    // Compared even when the key is missing, so an unknown id costs what a wrong secret costs.
    const matches = apiKeySecretMatches(secret, hash === null ? undefined : Buffer.from(hash, 'hex'));
    if (!matches || record === null) return undefined;
    const decoded = decodeRecord(record, invalidated);
    return decoded.invalidated || isExpired(decoded, this.now()) ? undefined : decoded;
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const [record, invalidated] = await this.redis.hmget(this.keys.apiKey(id), 'record', 'invalidated');
    return record === null ? undefined : decodeRecord(record, invalidated);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const ids = await this.redis.smembers(this.keys.apiKeyIds());
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.apiKey(id), 'record', 'invalidated');
    const answers = (await pipeline.exec()) ?? [];
    const out: ApiKeyRecord[] = [];
    const forgotten: string[] = [];
    answers.forEach(([err, fields], i) => {
      if (err !== null) throw err;
      const [record, invalidated] = fields as [string | null, string | null];
      if (record === null) forgotten.push(ids[i]);
      else out.push(decodeRecord(record, invalidated));
    });
    // Redis evicted these hashes (past their retention): drop them from the index too.
    if (forgotten.length > 0) await this.redis.srem(this.keys.apiKeyIds(), ...forgotten);
    return out;
  }

  async invalidate(ids: readonly string[], mayInvalidate: (record: ApiKeyRecord) => boolean): Promise<InvalidationResult> {
    const result: InvalidationResult = { invalidated: [], previouslyInvalidated: [] };
    for (const id of new Set(ids)) {
      const record = await this.get(id);
      if (record === undefined || !mayInvalidate(record)) continue;
      const answer = await INVALIDATE_SCRIPT.run(this.redis, [this.keys.apiKey(id)], [String(this.now()), API_KEY_RETENTION_MS]);
      if (answer === 1) result.invalidated.push(id);
      else if (answer === 0) result.previouslyInvalidated.push(id);
    }
    return result;
  }
}

function decodeRecord(json: string, invalidated: string | null): ApiKeyRecord {
  const { restrictedTo, ...rest } = JSON.parse(json) as EncodedRecord;
  return { ...rest, ...(restrictedTo === undefined ? {} : { restrictedTo: new Set(restrictedTo) }), invalidated: invalidated !== null };
}
