import { illegalArgumentFailure } from '../support/eval-failure.js';
import { INTEGER, STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** Results over 1MB fail as in ES instead of exhausting memory. */
const MAX_BYTES = 1024 * 1024;

function repeated(s: string, n: number): string {
  if (n < 0) throw illegalArgumentFailure(`Number parameter cannot be negative, found [${n}]`);
  const bytes = Buffer.byteLength(s) * n;
  if (bytes > MAX_BYTES) {
    throw illegalArgumentFailure(`Creating repeated strings with more than [${MAX_BYTES}] bytes is not supported`);
  }
  return s.repeat(n);
}

export const repeat = scalarFunction({
  name: 'repeat',
  minArgs: 2,
  params: [STRING, INTEGER],
  result: fixed('keyword'),
  kernel: () => (v) => repeated(v[0] as string, v[1] as number),
});

export const space = scalarFunction({
  name: 'space',
  minArgs: 1,
  params: [INTEGER],
  result: fixed('keyword'),
  kernel: () => (v) => repeated(' ', v[0] as number),
});
