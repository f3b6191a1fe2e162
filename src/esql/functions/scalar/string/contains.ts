import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** CONTAINS(string, substring). */
export const contains = scalarFunction({
  name: 'contains',
  minArgs: 2,
  params: [STRING, STRING],
  result: fixed('boolean'),
  kernel: () => (v) => ((v[0] as string).includes(v[1] as string) ? 1 : 0),
});
