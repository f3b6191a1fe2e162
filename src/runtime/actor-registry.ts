import type { LiveQuery } from './live-query.js';

/**
 * The queries this node is running or queueing, by id. Only live actors are here: a query leaves the
 * registry once its result is persisted, and from then on it is answered from the ResultStore, so the
 * registry is bounded by running work, not by retained results.
 */
export class ActorRegistry {
  private readonly live = new Map<string, LiveQuery>();

  add(query: LiveQuery): void {
    if (this.live.has(query.id)) throw new Error(`query [${query.id}] is already registered`);
    this.live.set(query.id, query);
  }

  get(id: string): LiveQuery | undefined {
    return this.live.get(id);
  }

  remove(query: LiveQuery): void {
    if (this.live.get(query.id) === query) this.live.delete(query.id);
  }

  get size(): number {
    return this.live.size;
  }

  values(): LiveQuery[] {
    return [...this.live.values()];
  }
}
