import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** TO_UPPER / TO_LOWER in the root locale. */
export const toUpper = scalarFunction({
  name: 'to_upper',
  minArgs: 1,
  params: [STRING],
  result: fixed('keyword'),
  kernel: () => (v) => (v[0] as string).toUpperCase(),
});

export const toLower = scalarFunction({
  name: 'to_lower',
  minArgs: 1,
  params: [STRING],
  result: fixed('keyword'),
  kernel: () => (v) => (v[0] as string).toLowerCase(),
});
