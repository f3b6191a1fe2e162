import { arithmeticFailure } from '../support/eval-failure.js';
import { NUMERIC, param } from '../support/param.js';
import { INT_MIN, doubleReader } from '../support/numeric.js';
import { sameAs, scalarFunction } from '../support/scalar-function.js';

const SIGNED = param('numeric', 'integer', 'long', 'double');

/** COPY_SIGN(magnitude, sign): the magnitude's type with the sign's sign (a negative zero counts as negative). */
export const copySign = scalarFunction({
  name: 'copy_sign',
  minArgs: 2,
  params: [SIGNED, NUMERIC],
  result: sameAs(0),
  kernel: ([tm, ts]) => {
    const sign = doubleReader(ts);
    const negative = (x: number): boolean => x < 0 || Object.is(x, -0);
    if (tm === 'double') return (v) => (negative(sign(v[1])) ? -Math.abs(v[0] as number) : Math.abs(v[0] as number));
    const overflow = tm === 'integer' ? 'integer overflow' : 'long overflow';
    return (v) => {
      const m = v[0] as number;
      const neg = negative(sign(v[1]));
      if (!neg && tm === 'integer' && m === INT_MIN) throw arithmeticFailure(overflow);
      const abs = Math.abs(m);
      return neg ? -abs : abs;
    };
  },
});
