import type { AnyType, DataType } from '../../compute/data-type.js';
import { isNumeric, isStringLike } from '../../compute/data-type.js';
import type { ArithmeticOp } from '../ast.js';

/**
 * ES|QL's operator typing: numeric widening integer < long < double, unsigned_long only with
 * unsigned_long, datetime ± time span. Each rule returns the type or a verification problem
 * (without the `line L:C:` prefix, which the resolver adds).
 */
export type TypeRule = { readonly type: AnyType } | { readonly error: string };

interface Operand {
  readonly type: AnyType;
  readonly text: string;
}

const NUMERIC_RANK: Partial<Record<AnyType, number>> = { integer: 1, long: 2, double: 3 };

export const isTimeSpan = (t: AnyType): boolean => t === 'date_period' || t === 'time_duration';

function unsignedMismatch(l: Operand, r: Operand, text: string): string | undefined {
  if ((l.type === 'unsigned_long') === (r.type === 'unsigned_long')) return undefined;
  return (
    `first argument of [${text}] is [${l.type}] and second is [${r.type}]. ` +
    `[unsigned_long] can only be operated on together with another [unsigned_long]`
  );
}

/** The wider of two numeric types (both non-null, not unsigned_long mixed). */
export function widen(a: AnyType, b: AnyType): DataType {
  if (a === 'unsigned_long' || b === 'unsigned_long') return 'unsigned_long';
  return (NUMERIC_RANK[a] ?? 0) >= (NUMERIC_RANK[b] ?? 0) ? (a as DataType) : (b as DataType);
}

export function arithmeticType(op: ArithmeticOp, l: Operand, r: Operand, text: string): TypeRule {
  const lt = l.type;
  const rt = r.type;
  if (lt === 'datetime' || rt === 'datetime' || isTimeSpan(lt) || isTimeSpan(rt)) {
    const additive = op === '+' || op === '-';
    if (additive && lt === 'datetime' && (rt === 'null' || isTimeSpan(rt))) return { type: 'datetime' };
    if (op === '+' && rt === 'datetime' && (lt === 'null' || isTimeSpan(lt))) return { type: 'datetime' };
    if (additive && lt === 'null' && rt === 'datetime') return { type: 'datetime' };
    // A time span with null is null; two spans of one kind add up to a span.
    if (additive && ((isTimeSpan(lt) && rt === 'null') || (lt === 'null' && isTimeSpan(rt)))) return { type: 'null' };
    if (additive && isTimeSpan(lt) && lt === rt) return { type: lt };
    return { error: `[${op}] has arguments with incompatible types [${lt}] and [${rt}]` };
  }
  const okLeft = lt === 'null' || isNumeric(lt);
  if (!okLeft) return { error: `first argument of [${text}] must be [numeric], found value [${l.text}] type [${lt}]` };
  const okRight = rt === 'null' || isNumeric(rt);
  if (!okRight) return { error: `second argument of [${text}] must be [numeric], found value [${r.text}] type [${rt}]` };
  if (lt === 'null') return { type: rt };
  if (rt === 'null') return { type: lt };
  const mismatch = unsignedMismatch(l, r, text);
  if (mismatch !== undefined) return { error: mismatch };
  return { type: widen(lt, rt) };
}

/** The type both sides are compared as, or a problem. `null` on either side compares as the other type. */
export function comparisonType(l: Operand, r: Operand, text: string): TypeRule {
  const lt = l.type;
  const rt = r.type;
  if (lt === 'null') return { type: rt === 'null' ? 'null' : rt };
  if (rt === 'null') return { type: lt };
  if (isNumeric(lt) && isNumeric(rt)) {
    const mismatch = unsignedMismatch(l, r, text);
    if (mismatch !== undefined) return { error: mismatch };
    return { type: widen(lt, rt) };
  }
  if (isStringLike(lt) && isStringLike(rt)) return { type: 'keyword' };
  if (lt === rt && !isTimeSpan(lt)) return { type: lt };
  const expected = isNumeric(lt) ? 'numeric' : isStringLike(lt) ? 'string' : lt;
  return { error: `first argument of [${text}] is [${expected}] so second argument must also be [${expected}] but was [${rt}]` };
}

/** Target types a keyword literal is implicitly converted to when compared with such a field. */
export const IMPLICIT_STRING_CASTS: Partial<Record<AnyType, string>> = {
  datetime: 'to_datetime',
  ip: 'to_ip',
  version: 'to_version',
  boolean: 'to_boolean',
};

/** `x::type` target names -> the conversion function ES maps them to. */
export const CAST_FUNCTIONS: Readonly<Record<string, { fn: string; type: DataType }>> = {
  int: { fn: 'to_integer', type: 'integer' },
  integer: { fn: 'to_integer', type: 'integer' },
  long: { fn: 'to_long', type: 'long' },
  double: { fn: 'to_double', type: 'double' },
  keyword: { fn: 'to_string', type: 'keyword' },
  string: { fn: 'to_string', type: 'keyword' },
  text: { fn: 'to_string', type: 'keyword' },
  datetime: { fn: 'to_datetime', type: 'datetime' },
  date: { fn: 'to_datetime', type: 'datetime' },
  boolean: { fn: 'to_boolean', type: 'boolean' },
  bool: { fn: 'to_boolean', type: 'boolean' },
  ip: { fn: 'to_ip', type: 'ip' },
  version: { fn: 'to_version', type: 'version' },
  unsigned_long: { fn: 'to_unsigned_long', type: 'unsigned_long' },
  ul: { fn: 'to_unsigned_long', type: 'unsigned_long' },
};

/** Timespan units -> calendar months / days / milliseconds per unit. */
export const TIME_UNITS: Readonly<Record<string, { kind: 'date_period' | 'time_duration'; months: number; days: number; millis: number }>> = (() => {
  const out: Record<string, { kind: 'date_period' | 'time_duration'; months: number; days: number; millis: number }> = {};
  const add = (names: string[], kind: 'date_period' | 'time_duration', months: number, days: number, millis: number) => {
    for (const n of names) out[n] = { kind, months, days, millis };
  };
  add(['millisecond', 'milliseconds', 'ms'], 'time_duration', 0, 0, 1);
  add(['second', 'seconds', 'sec', 's'], 'time_duration', 0, 0, 1000);
  add(['minute', 'minutes', 'min'], 'time_duration', 0, 0, 60_000);
  add(['hour', 'hours', 'h'], 'time_duration', 0, 0, 3_600_000);
  add(['day', 'days', 'd'], 'date_period', 0, 1, 0);
  add(['week', 'weeks', 'w'], 'date_period', 0, 7, 0);
  add(['month', 'months', 'mo'], 'date_period', 1, 0, 0);
  add(['quarter', 'quarters', 'q'], 'date_period', 3, 0, 0);
  add(['year', 'years', 'yr', 'y'], 'date_period', 12, 0, 0);
  return out;
})();
