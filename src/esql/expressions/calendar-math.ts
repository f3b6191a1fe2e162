const MS_PER_DAY = 86_400_000;

/**
 * Adds a calendar period to an epoch-ms instant in UTC, as java.time does for `datetime + 1 month`:
 * months first (clamping the day to the target month's length: Jan 31 + 1 month = Feb 28/29), then
 * days, then the time part. Plain arithmetic (Hinnant's civil-date algorithms) so per-row use allocates nothing.
 */
export function addCalendar(ms: number, months: number, days: number, millis: number): number {
  if (months !== 0) {
    let dayNumber = Math.floor(ms / MS_PER_DAY);
    const timeOfDay = ms - dayNumber * MS_PER_DAY;
    // civil_from_days
    const z = dayNumber + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    let day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9; // 1..12
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0);
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
  const dayNumber = Math.floor(ms / MS_PER_DAY);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return Math.floor((year * 12 + month - 1 + months) / 12);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
