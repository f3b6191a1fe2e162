import type { Clock } from './ports.js';

/** Node's timers take at most 2^31-1 ms; longer delays (a 30d keep_alive) would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface LongTimer {
  timer: ReturnType<typeof globalThis.setTimeout> | undefined;
}

/**
 * Wall-clock time and Node timers. Timers are unref'd (a pending keep_alive must not keep the process
 * up) and delays beyond Node's 24.8-day limit are run as a chain of shorter timers.
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle: LongTimer = { timer: undefined };
    const due = Date.now() + Math.max(0, ms);
    const arm = (delay: number) => {
      handle.timer = globalThis.setTimeout(() => {
        const left = due - Date.now();
        if (left > 0) arm(left);
        else fn();
      }, Math.min(delay, MAX_TIMER_MS));
      handle.timer.unref();
    };
    arm(Math.max(0, ms));
    return handle;
  }

  clearTimeout(handle: unknown): void {
    const h = handle as LongTimer | undefined;
    if (h?.timer !== undefined) globalThis.clearTimeout(h.timer);
  }
}
