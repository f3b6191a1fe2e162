import { NUMERIC } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** ATAN2(y, x): the angle of the point (x, y), in radians. */
export const atan2 = scalarFunction({
  name: 'atan2',
  minArgs: 2,
  params: [NUMERIC, NUMERIC],
  result: fixed('double'),
  kernel: ([ty, tx]) => {
    const y = doubleReader(ty);
    const x = doubleReader(tx);
    return (v) => Math.atan2(y(v[0]), x(v[1]));
  },
});
