import { arithmeticFailure } from '../support/eval-failure.js';
import { NUMERIC } from '../support/param.js';
import { doubleReader } from '../support/numeric.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { finite } from './pow.js';

/**
 * The unary math functions that widen their numeric argument to double and return a double:
 * each is its name and a per-value function (which may throw an EvalFailure).
 */
function doubleFunction(name: string, fn: (x: number) => number) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [NUMERIC],
    ordinal: 'default',
    result: fixed('double'),
    kernel: ([t]) => {
      const read = doubleReader(t);
      return (v) => fn(read(v[0]));
    },
  });
}

function inUnitRange(name: string, fn: (x: number) => number) {
  return (x: number) => {
    if (x < -1 || x > 1) throw arithmeticFailure(`${name} input out of range`);
    return fn(x);
  };
}

export const sqrt = doubleFunction('sqrt', (x) => {
  if (x < 0) throw arithmeticFailure('Square root of negative');
  return Math.sqrt(x);
});
export const cbrt = doubleFunction('cbrt', Math.cbrt);
export const exp = doubleFunction('exp', (x) => finite(Math.exp(x)));
export const log10 = doubleFunction('log10', (x) => {
  if (x <= 0) throw arithmeticFailure('Log of non-positive number');
  return Math.log10(x);
});
export const signum = doubleFunction('signum', (x) => (x === 0 ? x : Math.sign(x)));
export const sin = doubleFunction('sin', Math.sin);
export const cos = doubleFunction('cos', Math.cos);
export const tan = doubleFunction('tan', Math.tan);
export const asin = doubleFunction('asin', inUnitRange('Asin', Math.asin));
export const acos = doubleFunction('acos', inUnitRange('Acos', Math.acos));
export const atan = doubleFunction('atan', Math.atan);
export const sinh = doubleFunction('sinh', (x) => finite(Math.sinh(x)));
export const cosh = doubleFunction('cosh', (x) => finite(Math.cosh(x)));
export const tanh = doubleFunction('tanh', Math.tanh);
