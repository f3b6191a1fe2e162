import { arithmeticFailure } from './eval-failure.js';
import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { Value } from './output-builders.js';

/** Reads a numeric value of type `t` as a double (ES's implicit widening; unsigned_long is a bigint). */
export function doubleReader(t: AnyType): (v: Value) => number {
  return t === 'unsigned_long' ? ulToDouble : asNumber;
}

const asNumber = (v: Value): number => v as number;
const ulToDouble = (v: Value): number => Number(v);

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
/** 2^63: the first double above Long.MAX_VALUE. */
export const LONG_LIMIT = 9223372036854775808;
export const UL_MAX = 18446744073709551615n;

/** The wider of two numeric types (integer < long < unsigned_long < double). */
export function widerNumeric(a: AnyType, b: AnyType): AnyType {
  if (a === 'double' || b === 'double') return 'double';
  if (a === 'unsigned_long' || b === 'unsigned_long') return 'unsigned_long';
  if (a === 'long' || b === 'long') return 'long';
  return 'integer';
}

export const isWholeNumberType = (t: AnyType): boolean => t === 'integer' || t === 'long' || t === 'unsigned_long';

/** True when `t` stores its values as JS numbers (all but unsigned_long among numerics). */
export const isPlainNumber = (t: DataType): boolean =>
  t === 'integer' || t === 'long' || t === 'double' || t === 'datetime';

/**
 * Java's `Double.toString`: plain notation in [1e-3, 1e7) with at least one decimal, else
 * `d.dddE±n`. JS already finds the shortest round-tripping digits; only the layout differs.
 */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = d.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** A long as ES prints it: integral, no exponent (exact only up to 2^53, see data-type.ts). */
export function formatLong(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return BigInt(n).toString();
}

/** Round half away from zero at `decimals` places (ES `Maths.round`), for doubles. */
export function roundDouble(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  if (decimals === 0) return x < 0 ? -Math.round(-x) : Math.round(x);
  const scale = Math.pow(10, decimals);
  if (!Number.isFinite(scale)) return x;
  if (scale === 0) return 0;
  const middle = x * scale;
  if (!Number.isFinite(middle)) return x;
  const r = Math.round(Math.abs(middle)) / scale;
  return middle < 0 ? -r : r;
}

/** Round a whole number half away from zero to a multiple of 10^-decimals (decimals < 0). */
export function roundWhole(n: number, decimals: number): number {
  if (decimals >= 0) return n;
  if (decimals < -20) return 0;
  const t = Math.pow(10, -decimals);
  const q = Math.trunc(n / t);
  const r = n - q * t;
  if (Math.abs(r) * 2 >= t) return (q + Math.sign(n)) * t;
  return q * t;
}

export function roundUnsigned(n: bigint, decimals: number): bigint {
  if (decimals >= 0) return n;
  if (decimals < -20) return 0n;
  const t = 10n ** BigInt(-decimals);
  const q = n / t;
  const r = n - q * t;
  const out = r * 2n >= t ? (q + 1n) * t : q * t;
  if (out > UL_MAX) throw arithmeticFailure('unsigned_long overflow');
  return out;
}
