/**
 * ES's default date format, `strict_date_optional_time`: parsing (TO_DATETIME, string auto-casts)
 * and printing (`1953-09-02T00:00:00.000Z`).
 */

const ISO =
  /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Milliseconds since the epoch, or undefined when `text` is not a strict_date_optional_time. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  // The strict format separates date and time with 'T' only.
  if (m[4] !== undefined && text.charAt(10) !== 'T' && !/^[+-]/.test(text)) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (m[4] !== undefined && m[5] === undefined) return undefined;
  if (m[8] !== undefined && m[4] === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = utcMs(year, month, day, hour, minute, second, millis);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (zh > 18 || zm > 59) return undefined;
    ms -= sign * (zh * 3600000 + zm * 60000);
  }
  return ms;
}

/** UTC epoch ms of a proleptic Gregorian date-time (works for years outside 0..9999). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return d.getTime();
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, as ES prints datetimes. */
export function formatIsoDate(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : y > 9999 ? `+${y}` : `-${pad(-y, 4)}`;
  return (
    `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`
  );
}
