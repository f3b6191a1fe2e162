import type { Redis } from 'ioredis';
import type { Clock, NodeRegistry } from '../runtime/ports.js';
import { evictionTtlMs } from './eviction-ttl.js';
import type { RedisKeys } from './keys.js';

/**
 * Heartbeats as one key per node holding its deadline (now + heartbeat TTL): a node that dies stops
 * renewing. Liveness is the deadline judged against the Clock; the key's own TTL only reclaims it.
 *
 * A Redis outage stops every node's heartbeat, not only dead ones': after this connection comes back,
 * this registry beats again at once for the nodes it beats for, and for one heartbeat TTL answers
 * "alive" for a node without a key, giving every node the chance to beat before it is declared dead
 * (and its queries failed by the others).
 */
export class RedisNodeRegistry implements NodeRegistry {
  /** Nodes this registry beats for, with their TTL (re-sent after a reconnect). */
  private readonly beating = new Map<string, number>();
  private graceUntilMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
    /** The grace after a reconnect when no heartbeat TTL has been seen here. */
    private readonly defaultTtlMs = 15_000,
  ) {
    // Built on a connected connection: every later 'ready' is a reconnect.
    redis.on('ready', () => this.onReconnect());
  }

  async heartbeat(node: string, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    this.beating.set(node, ttl);
    const now = this.clock.now();
    await this.redis.set(this.keys.node(node), String(now + ttl), 'PX', evictionTtlMs(now + ttl, now));
  }

  async isAlive(node: string): Promise<boolean> {
    const deadline = await this.redis.get(this.keys.node(node));
    if (deadline !== null && Number(deadline) > this.clock.now()) return true;
    return this.clock.now() < this.graceUntilMs;
  }

  async deregister(node: string): Promise<void> {
    this.beating.delete(node);
    await this.redis.del(this.keys.node(node));
  }

  private onReconnect(): void {
    const grace = this.beating.size === 0 ? this.defaultTtlMs : Math.max(...this.beating.values());
    this.graceUntilMs = this.clock.now() + grace;
    for (const [node, ttl] of this.beating) this.heartbeat(node, ttl).catch(() => undefined);
  }
}
