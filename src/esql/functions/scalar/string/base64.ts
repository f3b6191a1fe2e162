import { STRING } from '../support/param.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** TO_BASE64 / FROM_BASE64 over the UTF-8 bytes of a string. */
export const toBase64 = scalarFunction({
  name: 'to_base64',
  minArgs: 1,
  params: [STRING],
  result: fixed('keyword'),
  kernel: () => (v) => Buffer.from(v[0] as string, 'utf8').toString('base64'),
});

export const fromBase64 = scalarFunction({
  name: 'from_base64',
  minArgs: 1,
  params: [STRING],
  result: fixed('keyword'),
  kernel: () => (v) => {
    const s = v[0] as string;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw illegalArgumentFailure(`Illegal base64 character in [${s}]`);
    return Buffer.from(s, 'base64').toString('utf8');
  },
});
