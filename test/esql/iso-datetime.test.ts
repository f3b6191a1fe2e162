import { describe, expect, it } from 'vitest';
import { isoMillis } from '../../src/esql/iso-datetime.js';

/** A fixed-seed generator, so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the four-digit years. */
const MIN = -62_167_219_200_000;
const MAX = 253_402_300_799_999;

describe('isoMillis', () => {
  it('prints what Date.toISOString prints, across years 0000-9999', () => {
    const random = lcg(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(MIN + random() * (MAX - MIN));
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('handles day, month, leap-year and epoch edges', () => {
    const edges = [
      0, -0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000 /* 2000-02-29 */, 4_107_542_400_000 /* 2100-03-01 */,
      -2_208_988_800_000 /* 1900-01-01 */, MIN, MAX, 1_700_000_000_123,
    ];
    for (const ms of edges) {
      for (const v of [ms - 1, ms, ms + 1]) {
        const inRange = v >= MIN && v <= MAX;
        expect(isoMillis(v)).toBe(inRange ? new Date(v).toISOString() : null);
      }
    }
  });

  it('consecutive values of one day reuse the day and still change the time', () => {
    const base = Date.UTC(2024, 4, 17, 23, 59, 59, 998);
    expect([base, base + 1, base + 2].map(isoMillis)).toEqual(['2024-05-17T23:59:59.998Z', '2024-05-17T23:59:59.999Z', '2024-05-18T00:00:00.000Z']);
  });

  it('leaves fractions, six-digit years and invalid values to Date (null)', () => {
    for (const ms of [0.5, -62_167_219_200_001, 253_402_300_800_000, 8.64e15, Number.NaN, Infinity]) expect(isoMillis(ms)).toBeNull();
  });
});
