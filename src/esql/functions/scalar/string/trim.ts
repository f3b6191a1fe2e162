import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** TRIM, LTRIM, RTRIM: remove leading/trailing whitespace, as keyword (text too, as ES does). */
function trimming(name: string, fn: (s: string) => string) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [STRING],
    ordinal: 'default',
    result: fixed('keyword'),
    kernel: () => (v) => fn(v[0] as string),
  });
}

export const trim = trimming('trim', (s) => s.trim());
export const ltrim = trimming('ltrim', (s) => s.trimStart());
export const rtrim = trimming('rtrim', (s) => s.trimEnd());
