import type { Redis } from 'ioredis';
import type { Clock, ResultStore, StoredQuery } from '../runtime/ports.js';
import { execTransaction } from './exec-transaction.js';
import type { RedisKeys } from './keys.js';
import { EXTEND_SCRIPT, LuaScript } from './lua-script.js';
import { decodeJson, encodeJson } from './redis-json.js';

/** Deletes the entry; answers 1 only if it had not yet expired by the caller's clock. */
const DELETE_SCRIPT = new LuaScript(`
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
redis.call('DEL', KEYS[1])
if tonumber(exp) <= tonumber(ARGV[1]) then return 0 end
return 1
`);

/**
 * Finished queries as hashes `{exp, body}`: `body` is the bigint-safe JSON of the StoredQuery, `exp`
 * its expiration, kept apart so extending it is one atomic script. The key's TTL follows `exp`
 * (Redis evicts), and every read also judges `exp` against the Clock: an entry is gone at its
 * expiration time even if eviction lags.
 */
export class RedisResultStore implements ResultStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
  ) {}

  async put(entry: StoredQuery): Promise<void> {
    const key = this.keys.result(entry.id);
    const ttlMs = Math.ceil(entry.expirationTimeMs - this.clock.now());
    if (ttlMs <= 0) {
      await this.redis.del(key);
      return;
    }
    await execTransaction(
      this.redis
        .multi()
        .del(key)
        .hset(key, 'exp', String(entry.expirationTimeMs), 'body', encodeJson(entry))
        .pexpire(key, ttlMs),
    );
  }

  async get(id: string): Promise<StoredQuery | undefined> {
    const [exp, body] = await this.redis.hmget(this.keys.result(id), 'exp', 'body');
    if (exp === null || body === null) return undefined;
    const expirationTimeMs = Number(exp);
    if (expirationTimeMs <= this.clock.now()) return undefined;
    return { ...decodeJson<StoredQuery>(body), expirationTimeMs };
  }

  async extend(id: string, expirationTimeMs: number): Promise<void> {
    const now = this.clock.now();
    const ttlMs = Math.max(1, Math.ceil(expirationTimeMs - now));
    await EXTEND_SCRIPT.run(this.redis, [this.keys.result(id)], [String(expirationTimeMs), ttlMs, String(now)]);
  }

  async delete(id: string): Promise<boolean> {
    return (await DELETE_SCRIPT.run(this.redis, [this.keys.result(id)], [String(this.clock.now())])) === 1;
  }
}

