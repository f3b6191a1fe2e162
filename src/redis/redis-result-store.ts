import type { Redis } from 'ioredis';
import type { Clock, ResultStore, StoredQuery } from '../runtime/ports.js';
import { evictionTtlMs } from './eviction-ttl.js';
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

/** Writes the entry unless a live one (exp > now) is there: one atomic check-and-set. */
const PUT_IF_ABSENT_SCRIPT = new LuaScript(`
local exp = redis.call('HGET', KEYS[1], 'exp')
if exp and tonumber(exp) > tonumber(ARGV[3]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'exp', ARGV[1], 'body', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`);

/**
 * Finished queries as hashes `{exp, body}`: `body` is the bigint-safe JSON of the StoredQuery, `exp`
 * its expiration, kept apart so extending it is one atomic script. Every read judges `exp` against
 * the Clock (an entry is gone at its expiration time); the key's TTL follows `exp` plus a little
 * slack, so Redis reclaims the memory (eviction-ttl.ts).
 */
export class RedisResultStore implements ResultStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
  ) {}

  async put(entry: StoredQuery): Promise<void> {
    const key = this.keys.result(entry.id);
    const now = this.clock.now();
    if (entry.expirationTimeMs <= now) {
      await this.redis.del(key);
      return;
    }
    await execTransaction(
      this.redis
        .multi()
        .del(key)
        .hset(key, 'exp', String(entry.expirationTimeMs), 'body', encodeJson(entry))
        .pexpire(key, evictionTtlMs(entry.expirationTimeMs, now)),
    );
  }

  async putIfAbsent(entry: StoredQuery): Promise<boolean> {
    const now = this.clock.now();
    if (entry.expirationTimeMs <= now) return false;
    const stored = await PUT_IF_ABSENT_SCRIPT.run(
      this.redis,
      [this.keys.result(entry.id)],
      [String(entry.expirationTimeMs), encodeJson(entry), String(now), evictionTtlMs(entry.expirationTimeMs, now)],
    );
    return stored === 1;
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
    const ttlMs = evictionTtlMs(expirationTimeMs, now);
    await EXTEND_SCRIPT.run(this.redis, [this.keys.result(id)], [String(expirationTimeMs), ttlMs, String(now)]);
  }

  async delete(id: string): Promise<boolean> {
    return (await DELETE_SCRIPT.run(this.redis, [this.keys.result(id)], [String(this.clock.now())])) === 1;
  }
}

