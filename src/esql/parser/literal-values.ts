/**
 * Typing of literal values: integer text becomes the narrowest of integer / long / unsigned_long / double,
 * request parameters become literals, and multi-value literals get one common element type. ES types an
 * integer literal after folding a leading minus into it, so the negation rules live here too.
 */
import type { LiteralScalar, LiteralType } from '../ast.js';

export interface TypedValue {
  readonly type: LiteralType;
  readonly value: LiteralScalar;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint as a JS number when that is exact, otherwise kept as a bigint. */
function exact(v: bigint): number | bigint {
  return v <= SAFE_MAX && v >= -SAFE_MAX ? Number(v) : v;
}

/** Types an integral value the way the ES parser types an integer literal. */
export function typeInteger(v: bigint): TypedValue {
  if (v >= INT_MIN && v <= INT_MAX) return { type: 'integer', value: Number(v) };
  if (v >= LONG_MIN && v <= LONG_MAX) return { type: 'long', value: exact(v) };
  if (v > 0n && v <= ULONG_MAX) return { type: 'unsigned_long', value: v };
  return { type: 'double', value: Number(v) };
}

export const integerLiteral = (text: string): TypedValue => typeInteger(BigInt(text));

export const decimalLiteral = (text: string): TypedValue => ({ type: 'double', value: Number(text) });

/** The literal `-x`, or undefined when x is not a number (then the parser keeps a Negate node). */
export function negate(t: TypedValue): TypedValue | undefined {
  const v = t.value;
  if (t.type === 'double' && typeof v === 'number') return { type: 'double', value: -v };
  if (t.type !== 'integer' && t.type !== 'long' && t.type !== 'unsigned_long') return undefined;
  if (typeof v !== 'number' && typeof v !== 'bigint') return undefined;
  return typeInteger(-BigInt(v));
}

/** Request parameters: JSON numbers have no int/long distinction, so integral values are typed by range. */
export function paramValue(v: LiteralScalar): TypedValue {
  if (v === null) return { type: 'null', value: null };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (typeof v === 'string') return { type: 'keyword', value: v };
  if (typeof v === 'bigint') return typeInteger(v);
  if (Number.isInteger(v)) {
    if (v >= -(2 ** 31) && v < 2 ** 31) return { type: 'integer', value: v };
    return Number.isSafeInteger(v) ? { type: 'long', value: v } : { type: 'double', value: v };
  }
  return { type: 'double', value: v };
}

const NUMERIC_RANK: Partial<Record<LiteralType, number>> = { integer: 0, long: 1, unsigned_long: 2, double: 3 };

/**
 * The common type of multi-value elements, or an error message. Nulls are skipped; integers mixed with
 * longs widen to long, any integral mixed with doubles widens to double.
 */
export function commonType(types: readonly LiteralType[]): { type: LiteralType } | { error: string } {
  let result: LiteralType = 'null';
  for (const t of types) {
    if (t === 'null' || t === result) continue;
    if (result === 'null') {
      result = t;
      continue;
    }
    const a: number | undefined = NUMERIC_RANK[result];
    const b: number | undefined = NUMERIC_RANK[t];
    if (a === undefined || b === undefined) return { error: `multi-value literal mixes [${result}] and [${t}]` };
    result = b > a ? t : result;
  }
  return { type: result };
}

/** Converts one element to the list's common type. */
export function widen(value: LiteralScalar, to: LiteralType): LiteralScalar {
  if (value === null) return null;
  if (to === 'double' && (typeof value === 'number' || typeof value === 'bigint')) return Number(value);
  if (to === 'long' && typeof value === 'bigint') return exact(value);
  if (to === 'unsigned_long' && typeof value === 'number') return BigInt(value);
  return value;
}

/** Units that may follow an integer to make a time span (`1 day`, `20ms`); ES matches them case-insensitively. */
const TIME_UNITS = new Set(
  ('nanosecond nanoseconds ns microsecond microseconds us millisecond milliseconds ms ' +
    'second seconds sec s minute minutes min hour hours h day days d week weeks w ' +
    'month months mo quarter quarters q year years yr y').split(' '),
);

export const isTimeUnit = (word: string): boolean => TIME_UNITS.has(word.toLowerCase());
