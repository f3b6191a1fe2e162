import type { Clock } from './ports.js';

/** Node's timers take at most 2^31-1 ms; longer delays (a 30d keep_alive) would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One pending timer. Its state lives here and the Node timer calls the shared `fire` with it, rather
 * than two closures per timer: every open query holds a keep_alive timer and usually a DELAY sleep, so
 * with thousands of open queries the closures were a measurable part of each query's memory.
 */
interface LongTimer {
  timer: ReturnType<typeof globalThis.setTimeout> | undefined;
  readonly due: number;
  readonly fn: () => void;
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
    const handle: LongTimer = { timer: undefined, due: Date.now() + Math.max(0, ms), fn };
    arm(handle, Math.max(0, ms));
    return handle;
  }

  clearTimeout(handle: unknown): void {
    const h = handle as LongTimer | undefined;
    if (h?.timer !== undefined) globalThis.clearTimeout(h.timer);
  }
}

function arm(handle: LongTimer, delay: number): void {
  handle.timer = globalThis.setTimeout(fire, Math.min(delay, MAX_TIMER_MS), handle);
  handle.timer.unref();
}

function fire(handle: LongTimer): void {
  const left = handle.due - Date.now();
  if (left > 0) arm(handle, left);
  else handle.fn();
}
