/**
 * Allocation-free proleptic Gregorian calendar arithmetic on epoch milliseconds (UTC), for per-row
 * date functions (H. Hinnant's days_from_civil / civil_from_days).
 */

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Results of the last `civil` call: module scratch instead of an object per row (read-only live
// bindings for importers).
export let civilYear = 1970;
export let civilMonth = 1;
export let civilDay = 1;

/** Sets civilYear / civilMonth (1-12) / civilDay from `days` since the epoch (civil_from_days). */
export function civil(days: number): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civilDay = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civilMonth = mp < 10 ? mp + 3 : mp - 9;
  civilYear = yoe + era * 400 + (civilMonth <= 2 ? 1 : 0);
}

export const daysOf = (ms: number): number => Math.floor(ms / DAY_MS);

export function yearOf(ms: number): number {
  civil(daysOf(ms));
  return civilYear;
}

export function monthOf(ms: number): number {
  civil(daysOf(ms));
  return civilMonth;
}

export function dayOfMonthOf(ms: number): number {
  civil(daysOf(ms));
  return civilDay;
}

/** Start of the month of `ms`. */
export function monthStart(ms: number): number {
  civil(daysOf(ms));
  return daysFromCivil(civilYear, civilMonth, 1) * DAY_MS;
}

/** Start of the month `months` months after the epoch's month (may be negative). */
export function monthIndexStart(index: number): number {
  const year = 1970 + Math.floor(index / 12);
  return daysFromCivil(year, index - (year - 1970) * 12 + 1, 1) * DAY_MS;
}

/** Months since 1970-01 of `ms`'s month. */
export function monthIndexOf(ms: number): number {
  civil(daysOf(ms));
  return (civilYear - 1970) * 12 + civilMonth - 1;
}
