import type { Clock } from './ports.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * A clock that moves only when told to, for deterministic tests of keep_alive expiry, wait timeouts
 * and the stop grace delay. Also satisfies xstate's `Clock` (pass it as `createActor(m, { clock })`).
 */
export class SimulatedClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Move time forward by `ms`, firing due timers in time order (ties in creation order). Timers
   * created by a firing timer also fire if they fall inside the window.
   */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.earliestDue(end);
      if (next === undefined) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = end;
  }

  /**
   * Like `advance`, but lets promise callbacks run after every fired timer, so awaits chained on a
   * timer (a submit waiting for completion) settle before the next timer fires.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await settle();
      const next = this.earliestDue(end);
      if (next === undefined) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = end;
    await settle();
  }

  private earliestDue(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at <= end && (best === undefined || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }
}

/** Let queued promise callbacks run (a macrotask boundary drains every microtask before it). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
