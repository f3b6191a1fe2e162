import { codePointCount, codePointSlice } from '../support/code-points.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { INTEGER, STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** ES's 1-based start: 0 and 1 are the same, negative counts from the end; clamped to the string. */
export function startIndex(codePoints: number, start: number): number {
  const i = start > 0 ? start - 1 : start < 0 ? codePoints + start : 0;
  return Math.min(Math.max(0, i), codePoints);
}

/** SUBSTRING(s, start[, length]) over code points. */
export const substring = scalarFunction({
  name: 'substring',
  minArgs: 2,
  maxArgs: 3,
  params: [STRING, INTEGER, INTEGER],
  result: fixed('keyword'),
  kernel: (types) => {
    const withLength = types.length === 3;
    return (v) => {
      const s = v[0] as string;
      const count = codePointCount(s);
      const from = startIndex(count, v[1] as number);
      if (!withLength) return codePointSlice(s, from, count);
      const len = v[2] as number;
      if (len < 0) throw illegalArgumentFailure(`Length parameter cannot be negative, found [${len}]`);
      return codePointSlice(s, from, Math.min(count, from + len));
    };
  },
});
