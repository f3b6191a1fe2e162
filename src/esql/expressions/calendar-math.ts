import { civil, civilDay, civilMonth, civilYear, DAY_MS as MS_PER_DAY, daysFromCivil } from '../functions/scalar/support/civil-date.js';

/**
 * Adds a calendar period to an epoch-ms instant in UTC, as java.time does for `datetime + 1 month`:
 * months first (clamping the day to the target month's length: Jan 31 + 1 month = Feb 28/29), then
 * days, then the time part. Plain arithmetic (Hinnant's civil-date algorithms) so per-row use allocates nothing.
 */
export function addCalendar(ms: number, months: number, days: number, millis: number): number {
  if (months !== 0) {
    let dayNumber = Math.floor(ms / MS_PER_DAY);
    const timeOfDay = ms - dayNumber * MS_PER_DAY;
    civil(dayNumber);
    let day = civilDay;
    const month = civilMonth;
    let year = civilYear;
    // add months
    const total = year * 12 + (month - 1) + months;
    year = Math.floor(total / 12);
    const m = total - year * 12 + 1;
    const dim = daysInMonth(year, m);
    if (day > dim) day = dim;
    dayNumber = daysFromCivil(year, m, day);
    ms = dayNumber * MS_PER_DAY + timeOfDay;
  }
  return ms + days * MS_PER_DAY + millis;
}

/** Year of `ms` after adding `months`, for range checks (java.time allows ±999,999,999). */
export function yearAfterMonths(ms: number, months: number): number {
  civil(Math.floor(ms / MS_PER_DAY));
  const year = civilYear;
  const month = civilMonth;
  return Math.floor((year * 12 + month - 1 + months) / 12);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
