import type { Value } from '../support/output-builders.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { conversionFunction } from '../support/conversion-function.js';
import { parseIsoDate } from '../support/iso-date.js';
import { doubleToLong, unsignedLongToLong } from '../support/java-number.js';

/** Parses ES's default `strict_date_optional_time`, with ES's failure text. */
export function parseDateField(v: Value): number {
  const ms = parseIsoDate(v as string);
  if (ms === undefined) {
    throw illegalArgumentFailure(`failed to parse date field [${v as string}] with format [strict_date_optional_time]`);
  }
  return ms;
}

/** TO_DATETIME: numbers are milliseconds since the epoch, strings strict_date_optional_time. */
export const toDatetime = conversionFunction({
  name: 'to_datetime',
  aliases: ['to_dt'],
  result: 'datetime',
  from: {
    datetime: 'identity',
    integer: (v) => v,
    long: 'identity',
    double: (v) => doubleToLong(v as number),
    unsigned_long: (v) => unsignedLongToLong(v as bigint),
    keyword: parseDateField,
    text: parseDateField,
  },
});
