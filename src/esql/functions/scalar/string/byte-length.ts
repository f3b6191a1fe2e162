import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** BYTE_LENGTH / BIT_LENGTH: the UTF-8 size of a string. */
export const byteLength = scalarFunction({
  name: 'byte_length',
  minArgs: 1,
  params: [STRING],
  result: fixed('integer'),
  kernel: () => (v) => Buffer.byteLength(v[0] as string, 'utf8'),
});

export const bitLength = scalarFunction({
  name: 'bit_length',
  minArgs: 1,
  params: [STRING],
  result: fixed('integer'),
  kernel: () => (v) => Buffer.byteLength(v[0] as string, 'utf8') * 8,
});
