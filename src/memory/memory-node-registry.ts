import type { Clock, NodeRegistry } from '../runtime/ports.js';

/** Node liveness as heartbeat deadlines judged against the Clock (the Redis TTL key, in a Map). */
export class MemoryNodeRegistry implements NodeRegistry {
  private readonly deadlines = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  heartbeat(node: string, ttlMs: number): Promise<void> {
    this.deadlines.set(node, this.clock.now() + ttlMs);
    return Promise.resolve();
  }

  isAlive(node: string): Promise<boolean> {
    const deadline = this.deadlines.get(node);
    if (deadline === undefined) return Promise.resolve(false);
    if (deadline <= this.clock.now()) {
      this.deadlines.delete(node);
      return Promise.resolve(false);
    }
    return Promise.resolve(true);
  }

  deregister(node: string): Promise<void> {
    this.deadlines.delete(node);
    return Promise.resolve();
  }
}
