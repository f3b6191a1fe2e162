import { codePointCount, offsetByCodePoints } from '../support/code-points.js';
import { INTEGER, STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { startIndex } from './substring.js';

/** LOCATE(s, sub[, start]): 1-based code point position of `sub` in `s`, 0 when absent. */
export const locate = scalarFunction({
  name: 'locate',
  minArgs: 2,
  maxArgs: 3,
  params: [STRING, STRING, INTEGER],
  result: fixed('integer'),
  kernel: (types) => {
    const withStart = types.length === 3;
    return (v) => {
      const s = v[0] as string;
      const from = withStart ? offsetByCodePoints(s, startIndex(codePointCount(s), v[2] as number)) : 0;
      const idx = s.indexOf(v[1] as string, from);
      return idx < 0 ? 0 : codePointCount(s.slice(0, idx)) + 1;
    };
  },
});
