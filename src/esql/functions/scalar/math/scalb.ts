import { NUMERIC, WHOLE_NUMBER } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { finite } from './pow.js';

/** SCALB(d, scaleFactor): d × 2^scaleFactor, as a double. */
export const scalb = scalarFunction({
  name: 'scalb',
  minArgs: 2,
  params: [NUMERIC, WHOLE_NUMBER],
  result: fixed('double'),
  kernel: ([td]) => {
    const d = doubleReader(td);
    return (v) => finite(d(v[0]) * Math.pow(2, v[1] as number));
  },
});
