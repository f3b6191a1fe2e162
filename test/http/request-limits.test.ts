import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { DEFAULT_REQUEST_LIMITS as L, capRows, checkKeepAlive, checkQuery, checkWait, formatMs } from '../../src/http/request-limits.js';
import type { CompletedQuery } from '../../src/runtime/query-runtime.js';

function esError(f: () => unknown): EsError {
  try {
    f();
  } catch (e) {
    if (e instanceof EsError) return e;
    throw e;
  }
  throw new Error('expected an EsError');
}

describe('request limits', () => {
  it('bounds query length and params count', () => {
    expect(() => checkQuery('x'.repeat(L.maxQueryLength), [], L)).not.toThrow();
    const long = esError(() => checkQuery('x'.repeat(L.maxQueryLength + 1), undefined, L));
    expect([long.type, long.reason]).toEqual(['parsing_exception', 'ESQL statement is too large [1000001 characters > 1000000]']);
    expect(esError(() => checkQuery('ROW 1', Array.from({ length: 10_001 }, () => 1), L)).reason).toBe(
      '[params] has too many entries [10001], the maximum is [10000]',
    );
    const named = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`p${i}`, i]));
    expect(esError(() => checkQuery('ROW 1', named, { ...L, maxParams: 2 })).status).toBe(400);
  });

  it('bounds keep_alive on both sides', () => {
    expect(checkKeepAlive(1000, L)).toBe(1000);
    expect(checkKeepAlive(30 * 86_400_000, L)).toBe(30 * 86_400_000);
    expect(esError(() => checkKeepAlive(-1, L)).reason).toBe('[keep_alive] must be greater than 0, got [-1]');
    expect(esError(() => checkKeepAlive(999, L)).reason).toBe('[keep_alive] must be at least [1s], got [999ms]');
    expect(esError(() => checkKeepAlive(31 * 86_400_000, L)).reason).toBe('[keep_alive] must be at most [30d], got [31d]');
  });

  it('caps wait_for_completion_timeout: -1 waits up to the cap, more is refused', () => {
    expect(checkWait(-1, L)).toBe(600_000);
    expect(checkWait(0, L)).toBe(0);
    expect(checkWait(600_000, L)).toBe(600_000);
    expect(esError(() => checkWait(600_001, L)).reason).toBe('[wait_for_completion_timeout] must be at most [10m], got [600001ms]');
  });

  it('returns at most maxResultRows rows, as ES truncates', () => {
    const result = { values: Array.from({ length: 12 }, (_, i) => [i]) } as unknown as CompletedQuery;
    expect(capRows(result, { ...L, maxResultRows: 10 }).values).toHaveLength(10);
    expect(capRows(result, L)).toBe(result);
  });

  it('formats durations in the largest whole unit', () => {
    expect([formatMs(86_400_000), formatMs(90_000), formatMs(1500), formatMs(7_200_000)]).toEqual(['1d', '90s', '1500ms', '2h']);
  });
});
