import type { AnyType } from '../../../../compute/data-type.js';
import type { LiteralScalar, Source } from '../../../ast.js';
import type { ArgInfo, Resolution } from '../../function-definition.js';

/**
 * Argument checks for aggregate functions, with ES's wording (TypeResolutions / Validations):
 * `[first ]argument of [sum(x)] must be [numeric except unsigned_long or counter types], found value [x] type [keyword]`.
 * `null` passes every type check, as in ES.
 */

const ORDINALS = ['first', 'second', 'third', 'fourth'];

/** ES's ParamOrdinal: single-argument functions use DEFAULT (no prefix). */
export type Ordinal = 'default' | 'positional';

/** The call text ES echoes: the written source when given, else rebuilt from the argument texts. */
export const callText = (name: string, args: readonly ArgInfo[], call?: Source): string =>
  call?.text ?? `${name}(${args.map((a) => a.source.text).join(', ')})`;

const prefix = (i: number, ordinal: Ordinal): string => (ordinal === 'default' ? '' : `${ORDINALS[i] ?? `${i + 1}th`} `);

export function typeError(call: string, args: readonly ArgInfo[], i: number, expected: string, ordinal: Ordinal): string {
  const a = args[i];
  return `${prefix(i, ordinal)}argument of [${call}] must be [${expected}], found value [${a.source.text}] type [${a.type}]`;
}

/** Returns a type error for argument `i` unless its type is accepted (or null). */
export function checkType(
  call: string,
  args: readonly ArgInfo[],
  i: number,
  accepts: (t: AnyType) => boolean,
  expected: string,
  ordinal: Ordinal,
): string | undefined {
  const t = args[i].type;
  if (t === 'null' || accepts(t)) return undefined;
  return typeError(call, args, i, expected, ordinal);
}

/** ES Validations.isFoldable. */
export function checkFoldable(call: string, args: readonly ArgInfo[], i: number, ordinal: Ordinal): string | undefined {
  if (args[i].foldable) return undefined;
  return `${prefix(i, ordinal)}argument of [${call}] must be a constant, received [${args[i].source.text}]`;
}

/** ES TypeResolutions.isNotNull (for constant parameters). */
export function checkNotNull(call: string, args: readonly ArgInfo[], i: number, ordinal: Ordinal): string | undefined {
  if (args[i].type !== 'null' && args[i].value !== null) return undefined;
  return `${prefix(i, ordinal)}argument of [${call}] cannot be null, received [${args[i].source.text}]`;
}

/** ES's arity error, raised while building the function. */
export function arityError(name: string, args: readonly ArgInfo[], min: number, max: number): string | undefined {
  const n = args.length;
  if (n >= min && n <= max) return undefined;
  const word = (k: number) => (k === 1 ? 'one argument' : `${k} arguments`);
  if (min === max) return `error building [${name}]: expects exactly ${word(min)}`;
  if (n < min) return `error building [${name}]: expects at least ${word(min)}`;
  return `error building [${name}]: expects at most ${word(max)}`;
}

/** The first defined problem, as a Resolution, or the given type. */
export function resolution(type: AnyType, ...problems: (string | undefined)[]): Resolution {
  for (const p of problems) if (p !== undefined) return { error: p };
  return { type };
}

export const isNumeric = (t: AnyType): boolean =>
  t === 'integer' || t === 'long' || t === 'unsigned_long' || t === 'double';
export const isNumericExceptUnsignedLong = (t: AnyType): boolean => t === 'integer' || t === 'long' || t === 'double';
export const NUMERIC_EXCEPT_UL = 'numeric except unsigned_long or counter types';

/**
 * A constant argument whose value the analyzer folded; such arguments are read from `ArgInfo.value`
 * instead of being evaluated per row (ES rewrites e.g. `SUM(const)` to `MV_SUM(const) * COUNT(*)`).
 */
export function isConstant(a: ArgInfo | undefined): boolean {
  return a !== undefined && a.foldable && a.value !== undefined;
}

/** The non-null values of a constant argument (a multi-value literal gives several). */
export function constantValues(a: ArgInfo): readonly LiteralScalar[] {
  const v = a.value;
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return (v as readonly LiteralScalar[]).filter((x) => x !== null);
  return [v as LiteralScalar];
}

/** The numeric values of a constant (booleans and strings are not numbers here). */
export function constantNumbers(a: ArgInfo): number[] {
  const out: number[] = [];
  for (const v of constantValues(a)) {
    if (typeof v === 'number') out.push(v);
    else if (typeof v === 'bigint') out.push(Number(v));
  }
  return out;
}

/** A single numeric constant parameter (percentile's 50, top's 3), or null. */
export function constantNumber(a: ArgInfo | undefined): number | null {
  if (a === undefined) return null;
  const v = a.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** Aggregates that keep the input type report `text` as `keyword` (ES functions never emit text). */
export const outputTypeOf = (t: AnyType): AnyType => (t === 'text' ? 'keyword' : t);
