/**
 * ES|QL data types as they appear on the wire (`columns[].type`). The physical representation of
 * each type inside a Block is fixed here so that every operator and evaluator agrees on it.
 *
 * | type           | Block.values       | notes                                                  |
 * |----------------|--------------------|--------------------------------------------------------|
 * | boolean        | Uint8Array         | 0 / 1                                                  |
 * | integer        | Int32Array         |                                                        |
 * | long           | Float64Array       | integral doubles: exact up to 2^53 (documented limit)  |
 * | unsigned_long  | BigUint64Array     | exact over the whole 0..2^64-1 range                   |
 * | double         | Float64Array       | -0.0 preserved                                         |
 * | datetime       | Float64Array       | ms since the epoch, UTC                                |
 * | keyword, text  | string[]           |                                                        |
 * | ip             | string[]           | canonical text form; ordered by ip-order.ts            |
 * | version        | string[]           | ordered by version-order.ts                            |
 * | null           | null               | every position null                                    |
 *
 * `date_period` and `time_duration` exist only as constant expression types (`1 day`, `2 hours`),
 * never in a Block.
 */
export const DATA_TYPES = [
  'boolean',
  'integer',
  'long',
  'unsigned_long',
  'double',
  'keyword',
  'text',
  'datetime',
  'ip',
  'version',
  'null',
] as const;

export type DataType = (typeof DATA_TYPES)[number];

/** Types that exist only as literals in expressions. */
export type ExpressionOnlyType = 'date_period' | 'time_duration';

export type AnyType = DataType | ExpressionOnlyType;

export const isNumeric = (t: AnyType): boolean =>
  t === 'integer' || t === 'long' || t === 'unsigned_long' || t === 'double';

export const isStringLike = (t: AnyType): boolean => t === 'keyword' || t === 'text';

export const isDataType = (s: string): s is DataType => (DATA_TYPES as readonly string[]).includes(s);
