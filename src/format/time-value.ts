import { illegalArgument } from '../errors.js';

/** Milliseconds per ES time unit (`TimeValue.parseTimeValue`). */
const UNIT_MS: Readonly<Record<string, number>> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * An ES time value (`10s`, `5d`, `100nanos`, `-1`, `0`) as milliseconds, possibly fractional.
 * `-1` is ES's "no value" (TimeValue.MINUS_ONE); callers decide what it means. Errors use ES's text.
 */
export function parseTimeValue(text: string, settingName: string): number {
  const normalized = text.trim().toLowerCase();
  if (normalized === '-1') return -1;
  if (normalized === '0') return 0;
  const match = /^(-?[0-9]+(?:\.[0-9]+)?)\s*(nanos|micros|ms|s|m|h|d)$/.exec(normalized);
  if (match === null) {
    throw illegalArgument(
      `failed to parse setting [${settingName}] with value [${text}] as a time value: unit is missing or unrecognized`,
    );
  }
  const amount = Number(match[1]);
  if (amount < 0) {
    throw illegalArgument(`failed to parse setting [${settingName}] with value [${text}] as a time value: negative durations are not supported`);
  }
  return amount * UNIT_MS[match[2]];
}
