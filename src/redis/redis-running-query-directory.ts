import type { Redis } from 'ioredis';
import type { Clock, QueryCheckpoint, RunningQueryDirectory, RunningQueryRecord } from '../runtime/ports.js';
import { execTransaction } from './exec-transaction.js';
import type { RedisKeys } from './keys.js';
import { EXTEND_SCRIPT, LuaScript } from './lua-script.js';
import { decodeJson, encodeJson } from './redis-json.js';

/** Sets the `checkpoint` field only if the record's hash exists: a late write must not recreate it. */
const CHECKPOINT_SCRIPT = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'checkpoint', ARGV[1])
return 1
`);

/**
 * Running-query records as hashes `{exp, record, checkpoint?}`. A record is removed explicitly once its
 * outcome is stored (or by the node that finishes an orphan); the key's TTL is only a safety net,
 * outliving the keep_alive by `retentionMs` so expiry stays the runtime's decision, never eviction's.
 * The checkpoint is a field of the same hash, so it shares the record's TTL and goes with its removal.
 */
export class RedisRunningQueryDirectory implements RunningQueryDirectory {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
    private readonly retentionMs = 60 * 60 * 1000,
  ) {}

  async put(record: RunningQueryRecord): Promise<void> {
    const key = this.keys.running(record.id);
    await execTransaction(
      this.redis
        .multi()
        .del(key)
        .hset(key, 'exp', String(record.expirationTimeMs), 'record', encodeJson(record))
        .pexpire(key, this.ttlMs(record.expirationTimeMs)),
    );
  }

  async get(id: string): Promise<RunningQueryRecord | undefined> {
    const [exp, record] = await this.redis.hmget(this.keys.running(id), 'exp', 'record');
    if (exp === null || record === null) return undefined;
    return { ...decodeJson<RunningQueryRecord>(record), expirationTimeMs: Number(exp) };
  }

  async extend(id: string, expirationTimeMs: number): Promise<void> {
    // No clock check: an expired record is still the truth about who ran the query.
    await EXTEND_SCRIPT.run(this.redis, [this.keys.running(id)], [String(expirationTimeMs), this.ttlMs(expirationTimeMs), '-1']);
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.keys.running(id));
  }

  async checkpoint(id: string, checkpoint: QueryCheckpoint): Promise<boolean> {
    return (await CHECKPOINT_SCRIPT.run(this.redis, [this.keys.running(id)], [encodeJson(checkpoint)])) === 1;
  }

  async getCheckpoint(id: string): Promise<QueryCheckpoint | undefined> {
    const text = await this.redis.hget(this.keys.running(id), 'checkpoint');
    return text === null ? undefined : decodeJson<QueryCheckpoint>(text);
  }

  private ttlMs(expirationTimeMs: number): number {
    return Math.max(0, Math.ceil(expirationTimeMs - this.clock.now())) + this.retentionMs;
  }
}
