import type { Clock } from './ports.js';

/** What a running query registers with the ticker; `poll` reads its progress and reports a change. */
export interface ProgressSource {
  /** Clock time the query started: its first poll is a full interval after it. */
  readonly sinceMs: number;
  readonly poll: () => void;
}

/**
 * One node-wide timer that polls every running query's progress, instead of a timer per query re-armed
 * every interval (the profile's top runtime cost with many queries). The timer runs only while some
 * query is registered. Ticks are at least `intervalMs` apart and a query is first polled once
 * `intervalMs` has passed since it started, so each query still reports at most once per interval.
 */
export class ProgressTicker {
  private readonly sources = new Set<ProgressSource>();
  private timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Registers a query; returns its removal. A zero interval disables progress (no timer at all). */
  add(source: ProgressSource): () => void {
    if (this.intervalMs <= 0) return () => undefined;
    this.sources.add(source);
    if (this.timer === undefined) this.timer = this.clock.setTimeout(this.tick, this.intervalMs);
    return () => {
      this.sources.delete(source);
      if (this.sources.size === 0 && this.timer !== undefined) {
        this.clock.clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Queries registered now (for tests). */
  get size(): number {
    return this.sources.size;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    const now = this.clock.now();
    // Iterating a Set visits entries added meanwhile; those are skipped by their `sinceMs` anyway.
    for (const source of this.sources) if (now - source.sinceMs >= this.intervalMs) source.poll();
    if (this.sources.size > 0 && this.timer === undefined) this.timer = this.clock.setTimeout(this.tick, this.intervalMs);
  };
}
