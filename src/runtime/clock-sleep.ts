import type { Clock } from './ports.js';

/** How the engine waits (DELAY): injected through ExecuteOptions, so esql/ owns no timer. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * A sleep on the runtime's Clock, cancelled by the query's signal: with a SimulatedClock, DELAY waits
 * for simulated time like every other runtime timer.
 */
export function clockSleep(clock: Clock): Sleep {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clock.clearTimeout(timer);
        reject(abortReason(signal));
      };
      const timer = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
}

/** The signal's reason as thrown by the driver on cancel (an EsError in practice). */
const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
