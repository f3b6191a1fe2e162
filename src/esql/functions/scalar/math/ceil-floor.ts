import { NUMERIC } from '../support/param.js';
import { sameAs, scalarFunction } from '../support/scalar-function.js';

/** CEIL and FLOOR: whole-number types are returned unchanged, doubles rounded toward +/- infinity. */
function wholeRounding(name: string, fn: (x: number) => number) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [NUMERIC],
    ordinal: 'default',
    result: sameAs(0),
    kernel: ([t]) => (t === 'double' ? (v) => fn(v[0] as number) : (v) => v[0]),
  });
}

export const ceil = wholeRounding('ceil', Math.ceil);
export const floor = wholeRounding('floor', Math.floor);
