import { codePointCount, codePointSlice } from '../support/code-points.js';
import { INTEGER, STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** LEFT(s, n) / RIGHT(s, n): the first / last n code points (empty for n <= 0). */
export const left = scalarFunction({
  name: 'left',
  minArgs: 2,
  params: [STRING, INTEGER],
  result: fixed('keyword'),
  kernel: () => (v) => {
    const n = v[1] as number;
    return n <= 0 ? '' : codePointSlice(v[0] as string, 0, n);
  },
});

export const right = scalarFunction({
  name: 'right',
  minArgs: 2,
  params: [STRING, INTEGER],
  result: fixed('keyword'),
  kernel: () => (v) => {
    const s = v[0] as string;
    const n = v[1] as number;
    if (n <= 0) return '';
    const count = codePointCount(s);
    return codePointSlice(s, Math.max(0, count - n), count);
  },
});
