import { EvalFailure } from '../support/eval-failure.js';
import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/**
 * REPLACE(s, regex, replacement): every match of a Java regex. The compiled pattern is cached
 * while consecutive rows use the same pattern (the usual constant case).
 */
export const replace = scalarFunction({
  name: 'replace',
  minArgs: 3,
  params: [STRING, STRING, STRING],
  result: fixed('keyword'),
  kernel: () => {
    let lastPattern: string | undefined;
    let regex: RegExp | undefined;
    return (v) => {
      const pattern = v[1] as string;
      if (pattern !== lastPattern || regex === undefined) {
        regex = compile(pattern);
        lastPattern = pattern;
      }
      regex.lastIndex = 0;
      return (v[0] as string).replace(regex, javaReplacement(v[2] as string));
    };
  },
});

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'g');
  } catch (e) {
    throw new EvalFailure('java.util.regex.PatternSyntaxException', (e as Error).message);
  }
}

/** Java's `$n` group references match JS; Java's `\$` escape becomes JS's `$$`. */
function javaReplacement(r: string): string {
  if (!r.includes('\\')) return r;
  return r.replace(/\\(.)/g, (_m, c: string) => (c === '$' ? '$$' : c));
}
