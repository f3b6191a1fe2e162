import { illegalArgumentFailure } from '../support/eval-failure.js';
import { formatIsoDate } from '../support/iso-date.js';
import { UnsupportedPatternError, formatWith, hasTextualFields, tokenize } from '../support/java-date-pattern.js';
import { STRING } from '../support/param.js';
import { scalarFunction } from '../support/scalar-function.js';
import { DATETIME_OR_STRING, checkDatetimeArg, datetimeReader } from './datetime-arg.js';

/** ES's warning for patterns that print names (JDK 23 changed locale data). */
export const textualFieldsWarning = (pattern: string): string =>
  `Date format [${pattern}] contains textual field specifiers that could change in JDK 23`;

/** DATE_FORMAT([pattern,] date): a Java DateTimeFormatter pattern, default strict_date_optional_time. */
export const dateFormat = scalarFunction({
  name: 'date_format',
  minArgs: 1,
  maxArgs: 2,
  params: (n) => (n === 1 ? [DATETIME_OR_STRING] : [STRING, DATETIME_OR_STRING]),
  result: (types, args, call) => {
    const problem = checkDatetimeArg(call, args, types.length - 1);
    return problem === undefined ? 'keyword' : { error: problem };
  },
  kernel: (types, info, ctx) => {
    if (types.length === 1) {
      const read = datetimeReader(types[0]);
      return (v) => formatIsoDate(read(v[0]));
    }
    const read = datetimeReader(types[1]);
    const constant = info[0].foldable && typeof info[0].value === 'string' ? info[0].value : undefined;
    if (constant !== undefined) {
      try {
        if (hasTextualFields(tokenize(constant))) ctx.warnings.add(textualFieldsWarning(constant));
      } catch {
        // An invalid pattern fails per row below, as a warning.
      }
    }
    let lastPattern: string | undefined;
    let tokens: ReturnType<typeof tokenize> | undefined;
    return (v) => {
      const pattern = v[0] as string;
      if (pattern !== lastPattern || tokens === undefined) {
        try {
          tokens = tokenize(pattern);
        } catch (e) {
          if (e instanceof UnsupportedPatternError) throw illegalArgumentFailure(e.message);
          throw e;
        }
        lastPattern = pattern;
      }
      return formatWith(tokens, read(v[1]));
    };
  },
});
