import { describe, expect, it } from 'vitest';
import { dayOfMonthOf, daysFromCivil, monthIndexOf, monthIndexStart, monthOf, yearOf } from '../../../../../src/esql/functions/scalar/support/civil-date.js';

describe('civil date arithmetic', () => {
  it('agrees with Date over a wide range, including before the epoch and leap days', () => {
    const mismatches: number[] = [];
    for (let ms = Date.UTC(-400, 0, 1); ms < Date.UTC(2500, 0, 1); ms += 86_400_000 * 37 + 3_600_000 * 7) {
      const d = new Date(ms);
      if (yearOf(ms) !== d.getUTCFullYear() || monthOf(ms) !== d.getUTCMonth() + 1 || dayOfMonthOf(ms) !== d.getUTCDate()) {
        mismatches.push(ms);
      }
    }
    expect(mismatches).toEqual([]);
    expect(daysFromCivil(2024, 2, 29) * 86_400_000).toBe(Date.UTC(2024, 1, 29));
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });

  it('month indexes round-trip', () => {
    const ms = Date.UTC(1985, 8, 17, 13);
    expect(monthIndexOf(ms)).toBe(15 * 12 + 8);
    expect(monthIndexStart(monthIndexOf(ms))).toBe(Date.UTC(1985, 8, 1));
    expect(monthIndexStart(-1)).toBe(Date.UTC(1969, 11, 1));
  });
});
