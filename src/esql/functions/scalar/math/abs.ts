import { arithmeticFailure } from '../support/eval-failure.js';
import { NUMERIC } from '../support/param.js';
import { INT_MIN } from '../support/numeric.js';
import { sameAs, scalarFunction } from '../support/scalar-function.js';

/** ABS: keeps the input type; Integer.MIN_VALUE has no absolute value in 32 bits (Math.absExact). */
export const abs = scalarFunction({
  name: 'abs',
  minArgs: 1,
  params: [NUMERIC],
  ordinal: 'default',
  result: sameAs(0),
  kernel: ([t]) => {
    if (t === 'unsigned_long') return (v) => v[0];
    if (t === 'integer')
      return (v) => {
        const x = v[0] as number;
        if (x === INT_MIN) throw arithmeticFailure('Overflow to represent absolute value of Integer.MIN_VALUE');
        return x < 0 ? -x : x;
      };
    return (v) => Math.abs(v[0] as number);
  },
});
