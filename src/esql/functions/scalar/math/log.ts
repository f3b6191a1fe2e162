import { arithmeticFailure } from '../support/eval-failure.js';
import { NUMERIC } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** LOG(value) is the natural log; LOG(base, value) the log in `base`. */
export const log = scalarFunction({
  name: 'log',
  minArgs: 1,
  maxArgs: 2,
  params: [NUMERIC, NUMERIC],
  result: fixed('double'),
  kernel: (types) => {
    if (types.length === 1) {
      const read = doubleReader(types[0]);
      return (v) => natural(read(v[0]));
    }
    const readBase = doubleReader(types[0]);
    const readValue = doubleReader(types[1]);
    return (v) => {
      const base = readBase(v[0]);
      const value = readValue(v[1]);
      if (base <= 0 || value <= 0) throw arithmeticFailure('Log of non-positive number');
      if (base === 1) throw arithmeticFailure('Log of base 1');
      return Math.log10(value) / Math.log10(base);
    };
  },
});

function natural(x: number): number {
  if (x <= 0) throw arithmeticFailure('Log of non-positive number');
  return Math.log(x);
}
