import { illegalArgumentFailure } from '../support/eval-failure.js';
import { UnsupportedPatternError, compileParser, tokenize } from '../support/java-date-pattern.js';
import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { parseDateField } from '../conversion/to-datetime.js';

/** DATE_PARSE([pattern,] string): the whole string must match the Java pattern. */
export const dateParse = scalarFunction({
  name: 'date_parse',
  minArgs: 1,
  maxArgs: 2,
  params: [STRING, STRING],
  result: fixed('datetime'),
  kernel: (types) => {
    if (types.length === 1) return (v) => parseDateField(v[0]);
    let lastPattern: string | undefined;
    let parser: ((text: string) => number | undefined) | undefined;
    return (v) => {
      const pattern = v[0] as string;
      if (pattern !== lastPattern || parser === undefined) {
        try {
          parser = compileParser(tokenize(pattern));
        } catch (e) {
          if (e instanceof UnsupportedPatternError) throw illegalArgumentFailure(e.message);
          throw e;
        }
        lastPattern = pattern;
      }
      const text = v[1] as string;
      const ms = parser(text);
      if (ms === undefined) throw illegalArgumentFailure(`failed to parse date field [${text}] with format [${pattern}]`);
      return ms;
    };
  },
});
