import { scalarFunction } from '../support/scalar-function.js';
import { DATETIME_OR_STRING, checkDatetimeArg, datetimeReader } from './datetime-arg.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function nameOf(name: string, fn: (d: Date) => string) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [DATETIME_OR_STRING],
    result: (_types, args, call) => {
      const problem = checkDatetimeArg(call, args, 0);
      return problem === undefined ? 'keyword' : { error: problem };
    },
    kernel: ([t]) => {
      const read = datetimeReader(t);
      return (v) => fn(new Date(read(v[0])));
    },
  });
}

/** DAY_NAME / MONTH_NAME of a date (UTC, English). */
export const dayName = nameOf('day_name', (d) => DAYS[d.getUTCDay()]);
export const monthName = nameOf('month_name', (d) => MONTHS[d.getUTCMonth()]);
