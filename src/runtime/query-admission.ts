import { EsError } from '../errors.js';
import type { LiveQuery } from './live-query.js';
import type { RunningSlots } from './running-slots.js';

/** The queue is a bound, not a buffer: past it the node refuses instead of growing without limit. */
export function checkQueueRoom(slots: RunningSlots, maxQueued: number): void {
  if (slots.queuedCount < maxQueued) return;
  throw new EsError(
    'es_rejected_execution_exception',
    `rejected execution of query: ${slots.runningCount} running and ${slots.queuedCount} queued ` +
      `(queue capacity ${maxQueued})`,
  );
}

/**
 * Starts a launched query under the node's running limits. A sync query (`announce` false) granted a
 * slot at once runs without starting its machine (LiveQuery.slotGranted); any other query starts it
 * and, while no slot is free, waits in its `submitted` state. A query cancelled or stopped while
 * queued gives its place back without ever running. Returns the release of its slot, to call once
 * the query is done (it does nothing if no slot was granted).
 */
export function admit(slots: RunningSlots, live: LiveQuery, owner: string | undefined, announce: boolean): () => void {
  let granted = false;
  const grant = () => {
    granted = true;
    live.slotGranted();
  };
  if (announce) live.start();
  slots.acquire(grant, owner);
  if (!granted) {
    if (!announce) live.start();
    live.actor.subscribe({ complete: () => granted || slots.withdraw(grant) });
  }
  return () => {
    if (granted) slots.release(owner);
  };
}
