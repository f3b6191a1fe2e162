import { resourceNotFound, restoreError, statusException } from '../errors.js';
import type { Completion, LiveQuery } from './live-query.js';
import type { StoredQuery } from './ports.js';
import type { AsyncQueryView } from './query-runtime.js';

/**
 * The `columnar` mark of views, stored results and running records: present only when true, so
 * row-form queries keep their records (and stored JSON) as they were.
 */
export function columnarMark(columnar: boolean | undefined): { readonly columnar?: true } {
  return columnar === true ? { columnar: true } : {};
}

/** What GET/submit answer while a query runs: no rows, only id and times (ES `initialResponse`). */
export function runningView(live: LiveQuery): AsyncQueryView {
  return { id: live.id, isRunning: true, startTimeMs: live.startTimeMs, expirationTimeMs: live.expirationTimeMs };
}

/**
 * The answer for a query that finished on this node. A cancelled query no longer exists (404); a
 * failed one rethrows its error, as ES replays a stored exception.
 */
export function finishedView(
  id: string | undefined,
  live: LiveQuery,
  completion: Completion,
  requestedId: string = live.id,
): AsyncQueryView {
  if (completion.outcome === 'cancelled') throw resourceNotFound(requestedId);
  if (completion.result === undefined) throw completion.error ?? statusException('query ended without a result');
  return {
    id,
    isRunning: false,
    result: completion.result,
    startTimeMs: live.startTimeMs,
    expirationTimeMs: live.expirationTimeMs,
    ...columnarMark(live.columnar),
  };
}

/** The answer for a stored query: its result, or its error rethrown. */
export function storedView(entry: StoredQuery): AsyncQueryView {
  if ('error' in entry.outcome) throw restoreError(entry.outcome.error);
  return {
    id: entry.id,
    isRunning: false,
    result: entry.outcome.result,
    startTimeMs: entry.startTimeMs,
    expirationTimeMs: entry.expirationTimeMs,
    ...columnarMark(entry.columnar),
  };
}
