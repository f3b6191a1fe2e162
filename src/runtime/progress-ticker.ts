import { PeriodicSweep } from './periodic-sweep.js';
import type { Clock } from './ports.js';

/** What a running query registers with the ticker; `poll` reads its progress and reports a change. */
export interface ProgressSource {
  /** Clock time the query started: its first poll is a full interval after it. */
  readonly sinceMs: number;
  readonly poll: () => void;
}

/**
 * Polls every running query's progress on one node-wide timer (PeriodicSweep). Ticks are at least
 * `intervalMs` apart and a query is first polled once `intervalMs` has passed since it started, so
 * each query still reports at most once per interval.
 */
export class ProgressTicker {
  private readonly sweep: PeriodicSweep<ProgressSource>;

  constructor(
    clock: Clock,
    private readonly intervalMs: number,
  ) {
    // A query added during a tick is skipped by its `sinceMs`.
    this.sweep = new PeriodicSweep(clock, intervalMs, (source, now) => {
      if (now - source.sinceMs >= intervalMs) source.poll();
    });
  }

  /** Registers a query; returns its removal. A zero interval disables progress (no timer at all). */
  add(source: ProgressSource): () => void {
    if (this.intervalMs <= 0) return () => undefined;
    return this.sweep.add(source);
  }

  /** Queries registered now (for tests). */
  get size(): number {
    return this.sweep.size;
  }
}
