import type { QueryParams } from '../esql/ast.js';
import { EsError, illegalArgument } from '../errors.js';
import type { AsyncQueryView, CompletedQuery } from '../runtime/query-runtime.js';

/**
 * Per-request bounds enforced by the HTTP adapter, each failing with an ES-style 4xx. The body size
 * limit (413) is fastify's `bodyLimit`; the rest are checked here. Documented in README-limits.md.
 */
export interface RequestLimits {
  /** ES: `ESQL statement is too large` above 1,000,000 characters. */
  readonly maxQueryLength: number;
  readonly maxParams: number;
  /** ES's `esql.query.result_truncation_max_size`: rows beyond it are not returned. */
  readonly maxResultRows: number;
  readonly minKeepAliveMs: number;
  readonly maxKeepAliveMs: number;
  /** Longest a request may wait for completion; `-1` on submit means "up to this long". */
  readonly maxWaitForCompletionMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxQueryLength: 1_000_000,
  maxParams: 10_000,
  maxResultRows: 10_000,
  minKeepAliveMs: 1_000,
  maxKeepAliveMs: 30 * 86_400_000,
  maxWaitForCompletionMs: 10 * 60_000,
};

export function checkQuery(query: string, params: QueryParams | undefined, limits: RequestLimits): void {
  if (query.length > limits.maxQueryLength) {
    throw new EsError('parsing_exception', `ESQL statement is too large [${query.length} characters > ${limits.maxQueryLength}]`);
  }
  if (params === undefined) return;
  const count = Array.isArray(params) ? params.length : Object.keys(params).length;
  if (count > limits.maxParams) {
    throw illegalArgument(`[params] has too many entries [${count}], the maximum is [${limits.maxParams}]`);
  }
}

/** A keep_alive of zero or `-1` would drop the result before anyone could read it. */
export function checkKeepAlive(ms: number, limits: RequestLimits): number {
  if (ms <= 0) throw illegalArgument(`[keep_alive] must be greater than 0, got [${ms < 0 ? '-1' : '0'}]`);
  if (ms < limits.minKeepAliveMs) {
    throw illegalArgument(`[keep_alive] must be at least [${formatMs(limits.minKeepAliveMs)}], got [${formatMs(ms)}]`);
  }
  if (ms > limits.maxKeepAliveMs) {
    throw illegalArgument(`[keep_alive] must be at most [${formatMs(limits.maxKeepAliveMs)}], got [${formatMs(ms)}]`);
  }
  return ms;
}

/** `-1` (wait for completion) becomes the cap; an explicit longer wait is refused, not silently cut. */
export function checkWait(ms: number, limits: RequestLimits): number {
  if (ms < 0) return limits.maxWaitForCompletionMs;
  if (ms > limits.maxWaitForCompletionMs) {
    throw illegalArgument(
      `[wait_for_completion_timeout] must be at most [${formatMs(limits.maxWaitForCompletionMs)}], got [${formatMs(ms)}]`,
    );
  }
  return ms;
}

/** At most `maxResultRows` rows leave the server, as ES truncates results. */
export function capRows<T extends CompletedQuery>(result: T, limits: RequestLimits): T {
  if (result.values.length <= limits.maxResultRows) return result;
  return { ...result, values: result.values.slice(0, limits.maxResultRows) };
}

export function capView(view: AsyncQueryView, limits: RequestLimits): AsyncQueryView {
  return view.isRunning ? view : { ...view, result: capRows(view.result, limits) };
}

/** ES `TimeValue.toString()`-like: the largest unit that keeps the value whole. */
export function formatMs(ms: number): string {
  const units: readonly [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
