import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA, loaded again when Redis answers NOSCRIPT (a restarted Redis has
 * forgotten every script). Scripts make read-compare-write steps atomic across nodes.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/** Hash with an `exp` field: move `exp` (and the key's TTL) later, never earlier; nothing if absent/expired. */
export const EXTEND_SCRIPT = new LuaScript(`
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
if tonumber(exp) <= tonumber(ARGV[3]) then return 0 end
if tonumber(ARGV[1]) <= tonumber(exp) then return 0 end
redis.call('HSET', KEYS[1], 'exp', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);
