import type { Clock, ResultStore, StoredQuery } from '../runtime/ports.js';

/**
 * Results in a Map. Expiry is judged against the Clock on every read (an expired entry is a 404 even
 * before it is evicted, as in ES); expired entries are evicted lazily on access and swept on writes.
 */
export class MemoryResultStore implements ResultStore {
  private readonly entries = new Map<string, StoredQuery>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    /** How often (at most) a write sweeps expired entries. */
    private readonly sweepIntervalMs = 60_000,
  ) {}

  put(entry: StoredQuery): Promise<void> {
    this.sweep();
    this.entries.set(entry.id, entry);
    return Promise.resolve();
  }

  putIfAbsent(entry: StoredQuery): Promise<boolean> {
    if (this.live(entry.id) !== undefined) return Promise.resolve(false);
    this.sweep();
    this.entries.set(entry.id, entry);
    return Promise.resolve(true);
  }

  get(id: string): Promise<StoredQuery | undefined> {
    return Promise.resolve(this.live(id));
  }

  extend(id: string, expirationTimeMs: number): Promise<void> {
    const entry = this.live(id);
    if (entry !== undefined && expirationTimeMs > entry.expirationTimeMs) {
      this.entries.set(id, { ...entry, expirationTimeMs });
    }
    return Promise.resolve();
  }

  delete(id: string): Promise<boolean> {
    const existed = this.live(id) !== undefined;
    this.entries.delete(id);
    return Promise.resolve(existed);
  }

  /** Entries held, expired or not (for tests of eviction). */
  get size(): number {
    return this.entries.size;
  }

  private live(id: string): StoredQuery | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expirationTimeMs <= this.clock.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.clock.now();
    if (now - this.lastSweepMs < this.sweepIntervalMs) return;
    this.lastSweepMs = now;
    for (const [id, entry] of this.entries) {
      if (entry.expirationTimeMs <= now) this.entries.delete(id);
    }
  }
}
