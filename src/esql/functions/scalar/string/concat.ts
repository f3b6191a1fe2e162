import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** CONCAT(a, b, ...): null if any argument is null. */
export const concat = scalarFunction({
  name: 'concat',
  minArgs: 2,
  maxArgs: Infinity,
  params: [STRING, STRING],
  result: fixed('keyword'),
  kernel: (types) => {
    const n = types.length;
    return (v) => {
      let s = '';
      for (let i = 0; i < n; i++) s += v[i] as string;
      return s;
    };
  },
});
