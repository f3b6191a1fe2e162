import { dayOfMonthOf, monthOf, yearOf } from '../support/civil-date.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { dayOfYear, isoDayOfWeek, isoWeek } from '../support/java-date-pattern.js';
import { STRING } from '../support/param.js';
import { scalarFunction } from '../support/scalar-function.js';
import { DATETIME_OR_STRING, checkDatetimeArg, datetimeReader } from './datetime-arg.js';

const DAY = 86_400_000;

/** java.time ChronoField values of a UTC instant. */
const FIELDS: Readonly<Record<string, (ms: number) => number>> = {
  NANO_OF_SECOND: (ms) => mod(ms, 1000) * 1_000_000,
  NANO_OF_DAY: (ms) => mod(ms, DAY) * 1_000_000,
  MICRO_OF_SECOND: (ms) => mod(ms, 1000) * 1000,
  MICRO_OF_DAY: (ms) => mod(ms, DAY) * 1000,
  MILLI_OF_SECOND: (ms) => mod(ms, 1000),
  MILLI_OF_DAY: (ms) => mod(ms, DAY),
  SECOND_OF_MINUTE: (ms) => Math.floor(mod(ms, 60_000) / 1000),
  SECOND_OF_DAY: (ms) => Math.floor(mod(ms, DAY) / 1000),
  MINUTE_OF_HOUR: (ms) => Math.floor(mod(ms, 3_600_000) / 60_000),
  MINUTE_OF_DAY: (ms) => Math.floor(mod(ms, DAY) / 60_000),
  HOUR_OF_AMPM: (ms) => new Date(ms).getUTCHours() % 12,
  CLOCK_HOUR_OF_AMPM: (ms) => new Date(ms).getUTCHours() % 12 || 12,
  HOUR_OF_DAY: (ms) => Math.floor(mod(ms, DAY) / 3_600_000),
  CLOCK_HOUR_OF_DAY: (ms) => new Date(ms).getUTCHours() || 24,
  AMPM_OF_DAY: (ms) => (new Date(ms).getUTCHours() < 12 ? 0 : 1),
  DAY_OF_WEEK: isoDayOfWeek,
  ALIGNED_DAY_OF_WEEK_IN_MONTH: (ms) => ((new Date(ms).getUTCDate() - 1) % 7) + 1,
  ALIGNED_DAY_OF_WEEK_IN_YEAR: (ms) => ((dayOfYear(ms) - 1) % 7) + 1,
  DAY_OF_MONTH: dayOfMonthOf,
  DAY_OF_YEAR: dayOfYear,
  EPOCH_DAY: (ms) => Math.floor(ms / DAY),
  ALIGNED_WEEK_OF_MONTH: (ms) => Math.floor((new Date(ms).getUTCDate() - 1) / 7) + 1,
  ALIGNED_WEEK_OF_YEAR: (ms) => Math.floor((dayOfYear(ms) - 1) / 7) + 1,
  MONTH_OF_YEAR: monthOf,
  PROLEPTIC_MONTH: (ms) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth(),
  YEAR_OF_ERA: (ms) => {
    const y = new Date(ms).getUTCFullYear();
    return y >= 1 ? y : 1 - y;
  },
  YEAR: yearOf,
  ERA: (ms) => (new Date(ms).getUTCFullYear() >= 1 ? 1 : 0),
  INSTANT_SECONDS: (ms) => Math.floor(ms / 1000),
  OFFSET_SECONDS: () => 0,
  ISO_WEEK_OF_WEEK_BASED_YEAR: isoWeek,
};

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** DATE_EXTRACT(part, date): a ChronoField of the date (UTC), as a long. */
export const dateExtract = scalarFunction({
  name: 'date_extract',
  minArgs: 2,
  params: [STRING, DATETIME_OR_STRING],
  result: (_types, args, call) => {
    const problem = checkDatetimeArg(call, args, 1);
    return problem === undefined ? 'long' : { error: problem };
  },
  kernel: ([, t]) => {
    const read = datetimeReader(t);
    let lastPart: string | undefined;
    let field: ((ms: number) => number) | undefined;
    return (v) => {
      const part = v[0] as string;
      if (part !== lastPart) {
        field = FIELDS[part.toUpperCase()];
        lastPart = part;
      }
      if (field === undefined) throw illegalArgumentFailure(`No enum constant java.time.temporal.ChronoField.${part.toUpperCase()}`);
      return field(read(v[1]));
    };
  },
});
