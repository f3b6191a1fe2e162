import { EvalFailure, numberFormatFailure, outOfRange } from './eval-failure.js';
import { INT_MAX, INT_MIN, LONG_LIMIT, UL_MAX, formatDouble, formatLong } from './numeric.js';

/**
 * Java's number parsing and ES's safe narrowing conversions (DataTypeConverter), with the exact
 * failure texts ES reports as warnings.
 */

const DOUBLE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const WHOLE = /^[+-]?\d+$/;

/** `Double.parseDouble`: leading/trailing whitespace allowed; undefined when malformed. */
export function parseJavaDouble(text: string): number | undefined {
  const s = text.trim();
  if (!DOUBLE.test(s)) return undefined;
  return Number(s.replace(/[fFdD]$/, ''));
}

/** `Integer.parseInt` then, failing that, a double narrowed to int; else `For input string`. */
export function parseInteger(text: string): number {
  if (WHOLE.test(text)) {
    const n = Number(text);
    if (n >= INT_MIN && n <= INT_MAX) return n;
    throw numberFormatFailure(text);
  }
  const d = parseJavaDouble(text);
  if (d === undefined) throw numberFormatFailure(text);
  try {
    return longToInt(doubleToLong(d));
  } catch {
    throw numberFormatFailure(text);
  }
}

/** `Long.parseLong` then, failing that, a double narrowed to long; else `For input string`. */
export function parseLong(text: string): number {
  if (WHOLE.test(text)) {
    const big = BigInt(text);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return Number(big);
    throw numberFormatFailure(text);
  }
  const d = parseJavaDouble(text);
  if (d === undefined) throw numberFormatFailure(text);
  try {
    return doubleToLong(d);
  } catch {
    throw numberFormatFailure(text);
  }
}

/** `Double.parseDouble` with Java's failure text. */
export function parseDouble(text: string): number {
  const d = parseJavaDouble(text);
  if (d === undefined) throw numberFormatFailure(text);
  return d;
}

const BIG_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** ES's string -> unsigned_long: a BigDecimal truncated to a whole number in [0, 2^64). */
export function parseUnsignedLong(text: string): bigint {
  const s = text.trim();
  if (!BIG_DECIMAL.test(s)) {
    const bad = [...s].find((c) => !/[0-9.eE+-]/.test(c)) ?? s.charAt(0);
    throw new EvalFailure(
      'java.lang.NumberFormatException',
      `Character ${bad} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    );
  }
  const value = bigDecimalTruncated(s);
  if (value < 0n || value > UL_MAX) throw outOfRange(text, 'unsigned_long');
  return value;
}

function bigDecimalTruncated(s: string): bigint {
  const m = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(s);
  if (m === null) return 0n;
  const negative = m[1] === '-';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let scale = (m[3] ?? '').length - Number(m[4] ?? '0');
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const whole = digits.slice(0, Math.max(0, digits.length - scale)) || '0';
  const v = BigInt(whole);
  return negative ? -v : v;
}

/** `safeDoubleToLong`: range-checked, rounded as Java's Math.round. */
export function doubleToLong(d: number): number {
  if (Number.isNaN(d) || d > LONG_LIMIT || d < -LONG_LIMIT) throw outOfRange(formatDouble(d), 'long');
  return Math.round(d);
}

export function longToInt(n: number): number {
  if (n < INT_MIN || n > INT_MAX) throw outOfRange(formatLong(n), 'integer');
  return n;
}

export function unsignedLongToLong(u: bigint): number {
  if (u >= 2n ** 63n) throw outOfRange(u.toString(), 'long');
  return Number(u);
}

export function longToUnsignedLong(n: number): bigint {
  if (n < 0) throw outOfRange(formatLong(n), 'unsigned_long');
  return BigInt(n);
}

export function doubleToUnsignedLong(d: number): bigint {
  if (Number.isNaN(d) || d < 0 || d >= 18446744073709551616) throw outOfRange(formatDouble(d), 'unsigned_long');
  return BigInt(Math.trunc(d));
}
