import type { Redis } from 'ioredis';
import type { Clock, NodeRegistry } from '../runtime/ports.js';
import type { RedisKeys } from './keys.js';

/**
 * Heartbeats as one key per node holding its deadline, with a TTL of the heartbeat TTL: a node that
 * dies stops renewing and its key vanishes. The deadline is also judged against the Clock, so liveness
 * does not depend on when Redis gets round to evicting.
 */
export class RedisNodeRegistry implements NodeRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
  ) {}

  async heartbeat(node: string, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    await this.redis.set(this.keys.node(node), String(this.clock.now() + ttl), 'PX', ttl);
  }

  async isAlive(node: string): Promise<boolean> {
    const deadline = await this.redis.get(this.keys.node(node));
    return deadline !== null && Number(deadline) > this.clock.now();
  }

  async deregister(node: string): Promise<void> {
    await this.redis.del(this.keys.node(node));
  }
}
