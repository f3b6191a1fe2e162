/**
 * `new Date(ms).toISOString()` without the Date: a result of a thousand datetimes spent more time in
 * Date allocation and formatting than the query took to find them. Whole milliseconds in years
 * 0000-9999 (what toISOString prints as `YYYY-MM-DDTHH:mm:ss.sssZ`) are formatted here; anything
 * else (fractions, six-digit years, out of range) returns null and the caller uses Date.
 */

import { civil, civilDay, civilMonth, civilYear } from './functions/scalar/support/civil-date.js';

const MS_PER_DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The last day formatted (`YYYY-MM-DDT`): consecutive values of a result mostly share their day. */
let cachedDay = NaN;
let cachedDayText = '';

export function isoMillis(ms: number): string | null {
  if (!(ms >= MIN_MS && ms <= MAX_MS) || !Number.isInteger(ms)) return null;
  const days = Math.floor(ms / MS_PER_DAY);
  let t = ms - days * MS_PER_DAY;
  const millis = t % 1000;
  t = (t - millis) / 1000;
  const seconds = t % 60;
  t = (t - seconds) / 60;
  const minutes = t % 60;
  const hours = (t - minutes) / 60;
  if (days !== cachedDay) {
    cachedDay = days;
    cachedDayText = dayText(days);
  }
  return `${cachedDayText}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}

/** `YYYY-MM-DDT` of a day count since 1970-01-01 (H. Hinnant's civil_from_days, proleptic Gregorian). */
function dayText(days: number): string {
  civil(days);
  const year = civilYear;
  const month = civilMonth;
  const day = civilDay;
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
}
