import { illegalArgumentFailure, outOfRange } from '../support/eval-failure.js';
import { STRING } from '../support/param.js';
import { scalarFunction } from '../support/scalar-function.js';
import { INT_MAX, INT_MIN } from '../support/numeric.js';
import { DATETIME_OR_STRING, checkDatetimeArg, datetimeReader } from './datetime-arg.js';

type Between = (start: number, end: number) => number;

const fixed =
  (unitMs: number): Between =>
  (a, b) =>
    Math.trunc((b - a) / unitMs);

/** java.time's ChronoUnit.MONTHS.between for two UTC instants. */
function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  const timeA = a - Date.UTC(da.getUTCFullYear(), da.getUTCMonth(), da.getUTCDate());
  const timeB = b - Date.UTC(db.getUTCFullYear(), db.getUTCMonth(), db.getUTCDate());
  let endDay = Math.floor(b / 86_400_000);
  const startDay = Math.floor(a / 86_400_000);
  if (endDay > startDay && timeB < timeA) endDay -= 1;
  else if (endDay < startDay && timeB > timeA) endDay += 1;
  const e = new Date(endDay * 86_400_000);
  const packedA = (da.getUTCFullYear() * 12 + da.getUTCMonth()) * 32 + da.getUTCDate();
  const packedB = (e.getUTCFullYear() * 12 + e.getUTCMonth()) * 32 + e.getUTCDate();
  return Math.trunc((packedB - packedA) / 32);
}

const UNITS: Readonly<Record<string, Between>> = (() => {
  const out: Record<string, Between> = {};
  const add = (names: string[], f: Between) => {
    for (const n of names) out[n] = f;
  };
  add(['year', 'years', 'yy', 'yyyy'], (a, b) => Math.trunc(monthsBetween(a, b) / 12));
  add(['quarter', 'quarters', 'qq', 'q'], (a, b) => Math.trunc(monthsBetween(a, b) / 3));
  add(['month', 'months', 'mm', 'm'], monthsBetween);
  add(['dayofyear', 'dy', 'y'], fixed(86_400_000));
  add(['day', 'days', 'dd', 'd'], fixed(86_400_000));
  add(['week', 'weeks', 'wk', 'ww'], fixed(7 * 86_400_000));
  add(['weekday', 'weekdays', 'dw'], fixed(86_400_000));
  add(['hour', 'hours', 'hh'], fixed(3_600_000));
  add(['minute', 'minutes', 'mi', 'n'], fixed(60_000));
  add(['second', 'seconds', 'ss', 's'], fixed(1000));
  add(['millisecond', 'milliseconds', 'ms'], fixed(1));
  add(['microsecond', 'microseconds', 'mcs'], (a, b) => (b - a) * 1000);
  add(['nanosecond', 'nanoseconds', 'ns'], (a, b) => (b - a) * 1_000_000);
  return out;
})();

const PARTS = '[YEAR, QUARTER, MONTH, DAYOFYEAR, DAY, WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND]';

/** DATE_DIFF(unit, start, end): whole units from start to end, as an integer. */
export const dateDiff = scalarFunction({
  name: 'date_diff',
  minArgs: 3,
  params: [STRING, DATETIME_OR_STRING, DATETIME_OR_STRING],
  result: (_types, args, call) => {
    const problem = checkDatetimeArg(call, args, 1) ?? checkDatetimeArg(call, args, 2);
    return problem === undefined ? 'integer' : { error: problem };
  },
  kernel: ([, ts, te]) => {
    const readStart = datetimeReader(ts);
    const readEnd = datetimeReader(te);
    return (v) => {
      const unit = UNITS[(v[0] as string).toLowerCase()];
      if (unit === undefined) {
        throw illegalArgumentFailure(`A value of ${PARTS} or their aliases is required; received [${v[0] as string}]`);
      }
      const r = unit(readStart(v[1]), readEnd(v[2]));
      if (r < INT_MIN || r > INT_MAX) throw outOfRange(String(r), 'integer');
      return r;
    };
  },
});
