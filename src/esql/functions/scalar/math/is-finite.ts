import { param } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

const DOUBLE = param('double', 'double');

/** IS_FINITE / IS_INFINITE / IS_NAN (early ES|QL double predicates). */
function predicate(name: string, fn: (x: number) => boolean) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [DOUBLE],
    ordinal: 'default',
    result: fixed('boolean'),
    kernel: () => (v) => (fn(v[0] as number) ? 1 : 0),
  });
}

export const isFiniteFunction = predicate('is_finite', (x) => Number.isFinite(x));
export const isInfiniteFunction = predicate('is_infinite', (x) => x === Infinity || x === -Infinity);
export const isNanFunction = predicate('is_nan', (x) => Number.isNaN(x));
