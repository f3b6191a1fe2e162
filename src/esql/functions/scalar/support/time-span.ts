import { monthIndexOf, monthIndexStart } from './civil-date.js';
import type { ArgInfo } from '../../function-definition.js';

/** A date_period / time_duration constant: calendar months + days, or fixed milliseconds. */
export interface TimeSpan {
  readonly months: number;
  readonly days: number;
  readonly millis: number;
}

const UNITS: Readonly<Record<string, TimeSpan>> = (() => {
  const out: Record<string, TimeSpan> = {};
  const add = (names: string[], months: number, days: number, millis: number) => {
    for (const n of names) out[n] = { months, days, millis };
  };
  add(['millisecond', 'milliseconds', 'ms'], 0, 0, 1);
  add(['second', 'seconds', 'sec', 's'], 0, 0, 1000);
  add(['minute', 'minutes', 'min'], 0, 0, 60_000);
  add(['hour', 'hours', 'h'], 0, 0, 3_600_000);
  add(['day', 'days', 'd'], 0, 1, 0);
  add(['week', 'weeks', 'w'], 0, 7, 0);
  add(['month', 'months', 'mo'], 1, 0, 0);
  add(['quarter', 'quarters', 'q'], 3, 0, 0);
  add(['year', 'years', 'yr', 'y'], 12, 0, 0);
  return out;
})();

/**
 * The span of a time-span argument. The analyzer passes its constant as the text `"<amount> <unit>"`;
 * an object form `{months, days, millis}` is accepted too.
 */
export function timeSpanOf(arg: ArgInfo): TimeSpan | undefined {
  const v: unknown = arg.value;
  if (typeof v === 'object' && v !== null && 'millis' in v) return v as TimeSpan;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*([+-]?\d+)\s*([a-zA-Z]+)\s*$/.exec(v);
  if (m === null) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const n = Number(m[1]);
  return { months: unit.months * n, days: unit.days * n, millis: unit.millis * n };
}

export const DAY_MS = 86_400_000;

/** Epoch ms -> ms of the start of its bucket for `span` (ES's DATE_TRUNC rounding, UTC). */
export function dateRounding(span: TimeSpan): ((ms: number) => number) | undefined {
  const { months, days, millis } = span;
  if (months > 0 && days === 0 && millis === 0) {
    return (ms) => monthIndexStart(Math.floor(monthIndexOf(ms) / months) * months);
  }
  if (days > 0 && months === 0 && millis === 0) {
    if (days === 7) return mondayWeek;
    return fixedInterval(days * DAY_MS);
  }
  if (millis > 0 && months === 0 && days === 0) return fixedInterval(millis);
  return undefined;
}

export const fixedInterval =
  (size: number) =>
  (ms: number): number =>
    Math.floor(ms / size) * size;

/** Weeks start on Monday; 1970-01-01 was a Thursday. */
export function mondayWeek(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_MS;
}
