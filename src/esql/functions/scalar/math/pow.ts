import { arithmeticFailure } from '../support/eval-failure.js';
import { NUMERIC } from '../support/param.js';
import { doubleReader, formatDouble } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** POW(base, exponent): always a double; a non-finite result is a failure, not Infinity/NaN. */
export const pow = scalarFunction({
  name: 'pow',
  minArgs: 2,
  params: [NUMERIC, NUMERIC],
  result: fixed('double'),
  kernel: ([tb, te]) => {
    const b = doubleReader(tb);
    const e = doubleReader(te);
    return (v) => finite(Math.pow(b(v[0]), e(v[1])));
  },
});

export function finite(d: number): number {
  if (!Number.isFinite(d)) throw arithmeticFailure(`not a finite double number: ${formatDouble(d)}`);
  return d;
}
