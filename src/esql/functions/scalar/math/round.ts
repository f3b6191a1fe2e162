import { NUMERIC, WHOLE_NUMBER } from '../support/param.js';
import { roundDouble, roundUnsigned, roundWhole } from '../support/numeric.js';
import { sameAs, scalarFunction } from '../support/scalar-function.js';

/**
 * ROUND(x[, decimals]): half away from zero, keeping x's type. Negative decimals round whole
 * numbers to tens, hundreds, ...; positive decimals leave whole numbers as they are.
 */
export const round = scalarFunction({
  name: 'round',
  minArgs: 1,
  maxArgs: 2,
  params: [NUMERIC, WHOLE_NUMBER],
  result: sameAs(0),
  kernel: ([t], info) => {
    const twoArgs = info.length === 2;
    if (t === 'double') return twoArgs ? (v) => roundDouble(v[0] as number, v[1] as number) : (v) => roundDouble(v[0] as number, 0);
    if (t === 'unsigned_long') return twoArgs ? (v) => roundUnsigned(v[0] as bigint, v[1] as number) : (v) => v[0];
    return twoArgs ? (v) => roundWhole(v[0] as number, v[1] as number) : (v) => v[0];
  },
});
