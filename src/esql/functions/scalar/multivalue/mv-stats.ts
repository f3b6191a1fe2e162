import { illegalArgumentFailure } from '../support/eval-failure.js';
import { NUMERIC, param } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { mvFunction } from '../support/mv-function.js';
import type { Value, WritableValues } from '../support/output-builders.js';

/** MV_PERCENTILE, MV_MEDIAN_ABSOLUTE_DEVIATION, MV_PSERIES_WEIGHTED_SUM (numbers as doubles internally). */

const sortedNumbers = (vals: WritableValues, start: number, end: number, read: (v: Value) => number, out: number[]) => {
  out.length = 0;
  for (let i = start; i < end; i++) out.push(read(vals[i]));
  out.sort((a, b) => a - b);
  return out;
};

/** Converts a double result back to the field's type (whole numbers truncate, as ES's long math does). */
function backTo(t: string): (d: number) => Value {
  if (t === 'double') return (d) => d;
  if (t === 'unsigned_long') return (d) => BigInt(Math.trunc(d));
  return (d) => Math.trunc(d);
}

export const mvPercentile = mvFunction({
  name: 'mv_percentile',
  minArgs: 2,
  params: [NUMERIC, NUMERIC],
  result: (types) => types[0],
  kernel: ([t, tp]) => {
    const read = doubleReader(t);
    const readP = doubleReader(tp);
    const back = backTo(t);
    const scratch: number[] = [];
    return (vals, start, end, extra, out) => {
      const p = readP(extra[0]);
      if (!(p >= 0 && p <= 100)) throw illegalArgumentFailure(`Percentile parameter must be a number between 0 and 100, found [${p}]`);
      const s = sortedNumbers(vals, start, end, read, scratch);
      const index = (p / 100) * (s.length - 1);
      const lower = Math.floor(index);
      const frac = index - lower;
      const v = lower + 1 < s.length ? s[lower] + frac * (s[lower + 1] - s[lower]) : s[lower];
      out.append(back(v));
    };
  },
});

function median(s: readonly number[], whole: boolean): number {
  const m = s.length >> 1;
  if (s.length % 2 === 1) return s[m];
  return whole ? Math.floor((s[m - 1] + s[m]) / 2) : (s[m - 1] + s[m]) / 2;
}

export const mvMedianAbsoluteDeviation = mvFunction({
  name: 'mv_median_absolute_deviation',
  minArgs: 1,
  params: [NUMERIC],
  ordinal: 'default',
  result: (types) => types[0],
  kernel: ([t]) => {
    const read = doubleReader(t);
    const back = backTo(t);
    const whole = t !== 'double';
    const scratch: number[] = [];
    return (vals, start, end, _extra, out) => {
      const s = sortedNumbers(vals, start, end, read, scratch);
      const med = median(s, whole);
      for (let i = 0; i < s.length; i++) s[i] = Math.abs(s[i] - med);
      s.sort((a, b) => a - b);
      out.append(back(median(s, whole)));
    };
  },
});

export const mvPseriesWeightedSum = mvFunction({
  name: 'mv_pseries_weighted_sum',
  minArgs: 2,
  params: [param('double', 'double'), param('double', 'double')],
  result: () => 'double',
  kernel: () => {
    const scratch: number[] = [];
    return (vals, start, end, extra, out) => {
      const p = extra[0] as number;
      const s = sortedNumbers(vals, start, end, (v) => v as number, scratch).reverse();
      let sum = 0;
      for (let i = 0; i < s.length; i++) sum += s[i] / Math.pow(i + 1, p);
      out.append(sum);
    };
  },
});
