import type { LiveQuery } from './live-query.js';
import type { Clock } from './ports.js';

/**
 * keep_alive of running queries: when a running query's expiration passes it is cancelled (ES deletes
 * the query "even if the query is still ongoing"). GET `keep_alive` moves the deadline, never earlier.
 * Finished queries need no timer: the ResultStore judges their expiry.
 */
export class KeepAliveTimers {
  private readonly timers = new Map<LiveQuery, unknown>();

  constructor(
    private readonly clock: Clock,
    /** The expiration as recorded elsewhere (another node may have extended it), read before cancelling. */
    private readonly recorded?: (live: LiveQuery) => Promise<number | undefined>,
  ) {}

  schedule(live: LiveQuery): void {
    this.clear(live);
    const delay = Math.max(0, live.expirationTimeMs - this.clock.now());
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(live);
      void this.expire(live);
    }, delay);
    this.timers.set(live, timer);
  }

  private async expire(live: LiveQuery): Promise<void> {
    const recorded = this.recorded === undefined ? undefined : await this.recorded(live).catch(() => undefined);
    if (recorded !== undefined && recorded > this.clock.now()) {
      this.extend(live, recorded);
      return;
    }
    if (live.completion === undefined) live.actor.send({ type: 'query.cancel', reason: 'keep_alive expired' });
  }

  /** Moves the expiration to `expirationTimeMs` if that is later, and re-arms the timer of a running query. */
  extend(live: LiveQuery, expirationTimeMs: number): void {
    if (expirationTimeMs <= live.expirationTimeMs) return;
    live.expirationTimeMs = expirationTimeMs;
    if (live.completion === undefined) this.schedule(live);
  }

  clear(live: LiveQuery): void {
    const timer = this.timers.get(live);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.timers.delete(live);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
