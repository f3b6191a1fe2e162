import { NUMERIC } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { finite } from './pow.js';

/** HYPOT(a, b): sqrt(a² + b²) without intermediate overflow. */
export const hypot = scalarFunction({
  name: 'hypot',
  minArgs: 2,
  params: [NUMERIC, NUMERIC],
  result: fixed('double'),
  kernel: ([ta, tb]) => {
    const a = doubleReader(ta);
    const b = doubleReader(tb);
    return (v) => finite(Math.hypot(a(v[0]), b(v[1])));
  },
});
