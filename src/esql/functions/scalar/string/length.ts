import { codePointCount } from '../support/code-points.js';
import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** LENGTH: the number of code points ("❗️" is two). */
export const length = scalarFunction({
  name: 'length',
  minArgs: 1,
  params: [STRING],
  result: fixed('integer'),
  kernel: () => (v) => codePointCount(v[0] as string),
});
