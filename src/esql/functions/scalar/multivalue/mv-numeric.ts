import { arithmeticFailure } from '../support/eval-failure.js';
import { INT_MAX, INT_MIN, LONG_LIMIT, UL_MAX } from '../support/numeric.js';
import { NUMERIC } from '../support/param.js';
import { mvFunction } from '../support/mv-function.js';
import type { WritableValues } from '../support/output-builders.js';

/** MV_SUM, MV_AVG, MV_MEDIAN over numeric multi-values. */

/** Kahan-compensated sum of doubles (ES's CompensatedSum), so sums do not depend on order drift. */
function compensatedSum(vals: WritableValues, start: number, end: number): number {
  let sum = 0;
  let delta = 0;
  for (let i = start; i < end; i++) {
    const x = vals[i] as number;
    if (!Number.isFinite(x)) {
      sum += x;
      continue;
    }
    const y = x - delta;
    const t = sum + y;
    delta = t - sum - y;
    sum = t;
  }
  return sum;
}

export const mvSum = mvFunction({
  name: 'mv_sum',
  minArgs: 1,
  params: [NUMERIC],
  ordinal: 'default',
  result: (types) => types[0],
  kernel: ([t]) => {
    if (t === 'double') return (vals, start, end, _e, out) => out.append(compensatedSum(vals, start, end));
    if (t === 'unsigned_long') {
      return (vals, start, end, _e, out) => {
        let s = 0n;
        for (let i = start; i < end; i++) s += vals[i] as bigint;
        if (s > UL_MAX) throw arithmeticFailure('unsigned_long overflow');
        out.append(s);
      };
    }
    const isInt = t === 'integer';
    return (vals, start, end, _e, out) => {
      let s = 0;
      for (let i = start; i < end; i++) s += vals[i] as number;
      if (isInt && (s < INT_MIN || s > INT_MAX)) throw arithmeticFailure('integer overflow');
      if (!isInt && (s >= LONG_LIMIT || s < -LONG_LIMIT)) throw arithmeticFailure('long overflow');
      out.append(s);
    };
  },
});

export const mvAvg = mvFunction({
  name: 'mv_avg',
  minArgs: 1,
  params: [NUMERIC],
  ordinal: 'default',
  result: () => 'double',
  kernel: ([t]) => {
    if (t === 'unsigned_long') {
      return (vals, start, end, _e, out) => {
        let s = 0;
        for (let i = start; i < end; i++) s += Number(vals[i]);
        out.append(s / (end - start));
      };
    }
    return (vals, start, end, _e, out) => out.append(compensatedSum(vals, start, end) / (end - start));
  },
});

export const mvMedian = mvFunction({
  name: 'mv_median',
  minArgs: 1,
  params: [NUMERIC],
  ordinal: 'default',
  result: (types) => types[0],
  kernel: ([t]) => {
    if (t === 'unsigned_long') {
      const scratch: bigint[] = [];
      return (vals, start, end, _e, out) => {
        scratch.length = 0;
        for (let i = start; i < end; i++) scratch.push(vals[i] as bigint);
        scratch.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const m = scratch.length >> 1;
        out.append(scratch.length % 2 === 1 ? scratch[m] : (scratch[m - 1] + scratch[m]) / 2n);
      };
    }
    const scratch: number[] = [];
    const whole = t !== 'double';
    return (vals, start, end, _e, out) => {
      scratch.length = 0;
      for (let i = start; i < end; i++) scratch.push(vals[i] as number);
      scratch.sort((a, b) => a - b);
      const m = scratch.length >> 1;
      if (scratch.length % 2 === 1) out.append(scratch[m]);
      // Whole numbers average the middle pair rounding down, as ES does.
      else out.append(whole ? Math.floor((scratch[m - 1] + scratch[m]) / 2) : (scratch[m - 1] + scratch[m]) / 2);
    };
  },
});
