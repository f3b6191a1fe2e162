import type { AnyType } from '../../../../compute/data-type.js';
import type { Source } from '../../../ast.js';
import type { ArgInfo, Resolution } from '../../function-definition.js';

/**
 * What one parameter accepts, and how ES names that set in a type error
 * (`... must be [numeric], found value [x] type [keyword]`). `null` is accepted everywhere.
 */
export interface Param {
  readonly accepts: (t: AnyType) => boolean;
  readonly expected: string;
}

const oneOf =
  (...types: AnyType[]) =>
  (t: AnyType): boolean =>
    types.includes(t);

export const NUMERIC: Param = { accepts: oneOf('integer', 'long', 'unsigned_long', 'double'), expected: 'numeric' };
export const STRING: Param = { accepts: oneOf('keyword', 'text'), expected: 'string' };
export const INTEGER: Param = { accepts: oneOf('integer'), expected: 'integer' };
/** Whole numbers that fit a 32-bit count (ES's `isWholeNumber` params such as LEFT's length). */
export const WHOLE_NUMBER: Param = { accepts: oneOf('integer', 'long'), expected: 'integer' };
export const BOOLEAN: Param = { accepts: oneOf('boolean'), expected: 'boolean' };
export const DATETIME: Param = { accepts: oneOf('datetime'), expected: 'datetime' };
export const IP: Param = { accepts: oneOf('ip'), expected: 'ip' };
export const ANY: Param = { accepts: (t) => t !== 'date_period' && t !== 'time_duration', expected: 'any' };
/** Types that have an order: everything comparable by GREATEST/LEAST, MV_MIN, MV_SORT ... */
export const ORDERED: Param = {
  accepts: oneOf('boolean', 'integer', 'long', 'unsigned_long', 'double', 'keyword', 'text', 'datetime', 'ip', 'version'),
  expected: 'boolean, date, ip, string or numeric',
};
export const param = (expected: string, ...types: AnyType[]): Param => ({ accepts: oneOf(...types), expected });

export type Ordinal = 'default' | 'positional';
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** The call's text as ES echoes it: the written source, or rebuilt from the name and arguments. */
export function callText(name: string, args: readonly ArgInfo[], call?: Source): string {
  return call?.text ?? `${name}(${args.map((a) => a.source.text).join(', ')})`;
}

/** ES's type error for argument `i` (`ordinal` 'default' = ES's ParamOrdinal.DEFAULT: no "first "). */
export function typeError(callTextValue: string, args: readonly ArgInfo[], i: number, expected: string, ordinal: Ordinal): string {
  const prefix = ordinal === 'default' ? '' : `${ORDINALS[i] ?? `${i + 1}th`} `;
  const a = args[i];
  return `${prefix}argument of [${callTextValue}] must be [${expected}], found value [${a.source.text}] type [${a.type}]`;
}

/** Checks each present argument against its Param; returns the first problem or undefined. */
export function checkParams(
  callTextValue: string,
  args: readonly ArgInfo[],
  params: readonly Param[],
  ordinal: Ordinal = 'positional',
): string | undefined {
  for (let i = 0; i < args.length && i < params.length; i++) {
    const t = args[i].type;
    if (t !== 'null' && !params[i].accepts(t)) return typeError(callTextValue, args, i, params[i].expected, ordinal);
  }
  return undefined;
}

/** ES's arity error (raised while building the function from the parse tree). */
export function arityError(name: string, args: readonly ArgInfo[], min: number, max: number): string | undefined {
  const n = args.length;
  if (n >= min && n <= max) return undefined;
  const word = (k: number) => (k === 1 ? 'one argument' : `${k} arguments`);
  if (min === max) {
    if (min === 0) return `error building [${name}]: expects no arguments`;
    return `error building [${name}]: expects exactly ${word(min)}`;
  }
  if (n < min) return `error building [${name}]: expects at least ${word(min)}`;
  return `error building [${name}]: expects at most ${word(max)}`;
}

export const resolved = (type: AnyType): Resolution => ({ type });
export const failed = (error: string): Resolution => ({ error });

/** The constant value of a foldable argument, if it is a single scalar. */
export function constantOf(a: ArgInfo | undefined): unknown {
  if (a === undefined || !a.foldable) return undefined;
  return a.value;
}
