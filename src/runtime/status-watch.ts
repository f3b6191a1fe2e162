import { decodeAsyncId } from './async-id.js';
import type { StatusBus, StoredQuery } from './ports.js';
import type { StatusEvent } from './query-runtime.js';

/**
 * Subscribes `listener` to one query's status: the current state first, then live events, each seq
 * delivered at most once and in increasing order. `current` is the live actor's own view (the bus
 * mirror may lag it, publishing being asynchronous); `fallback` answers for a query only the
 * ResultStore still knows.
 */
export async function watchStatus(
  bus: StatusBus,
  id: string,
  listener: (event: StatusEvent) => void,
  current: StatusEvent | undefined,
  fallback: StatusEvent | undefined,
): Promise<() => void> {
  let lastSeq = -1;
  let buffer: StatusEvent[] | undefined = [];
  const deliver = (event: StatusEvent) => {
    if (event.seq <= lastSeq) return;
    lastSeq = event.seq;
    listener(event);
  };
  // Subscribe before reading the mirror so nothing published in between is lost.
  const unsubscribe = await bus.subscribe(id, (event) => (buffer === undefined ? deliver(event) : buffer.push(event)));
  const latest = await bus.latest(id);
  const first = latest !== undefined && (current === undefined || latest.seq >= current.seq) ? latest : (current ?? fallback);
  if (first !== undefined) deliver(first);
  const pending = buffer;
  buffer = undefined;
  for (const event of pending) deliver(event);
  return unsubscribe;
}

/** A `done` event rebuilt from a stored query whose status events are no longer mirrored. */
export function doneEventFor(entry: StoredQuery): StatusEvent {
  const result = 'result' in entry.outcome ? entry.outcome.result : undefined;
  return {
    id: entry.id,
    seq: 0,
    state: 'done',
    outcome: entry.doneOutcome ?? (result === undefined ? 'failed' : result.isPartial ? 'stopped' : 'completed'),
    progress: { rows_processed: 0, rows_total: null, pages: 0, elapsed_ms: result?.tookMs ?? 0 },
    node: decodeAsyncId(entry.id).nodeId,
  };
}
