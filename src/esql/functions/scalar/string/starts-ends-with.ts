import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

export const startsWith = scalarFunction({
  name: 'starts_with',
  minArgs: 2,
  params: [STRING, STRING],
  result: fixed('boolean'),
  kernel: () => (v) => ((v[0] as string).startsWith(v[1] as string) ? 1 : 0),
});

export const endsWith = scalarFunction({
  name: 'ends_with',
  minArgs: 2,
  params: [STRING, STRING],
  result: fixed('boolean'),
  kernel: () => (v) => ((v[0] as string).endsWith(v[1] as string) ? 1 : 0),
});
