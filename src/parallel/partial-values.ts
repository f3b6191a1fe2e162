import type { DataType } from '../compute/data-type.js';
import type { Value } from '../esql/query-engine.js';
import type { LoadedValue } from '../storage/multi-value-order.js';

/** One non-null scalar of a response row. */
export type ScalarValue = Exclude<Value, null | readonly Value[]>;

/**
 * How a response value (see esql/result-values.ts) of `type` goes back to the form a loader stores:
 * booleans as 0/1, datetimes (ISO-8601 text) as epoch ms, longs beyond 2^53 (bigint) as the float64 a
 * long column holds, unsigned_long as bigint, numbers and strings as they are. Each is the exact
 * inverse of the rendering. Chosen once per column: the conversion runs per cell.
 */
export function storedValueOf(type: DataType): (v: ScalarValue) => LoadedValue {
  switch (type) {
    case 'boolean':
      return (v) => (v === true ? 1 : 0);
    case 'long':
      return (v) => (typeof v === 'bigint' ? Number(v) : (v as number));
    case 'unsigned_long':
      return (v) => (typeof v === 'bigint' ? v : BigInt(v));
    case 'datetime':
      return (v) => (typeof v === 'string' ? datetimeMillis(v) : (v as number));
    default:
      return (v) => v as LoadedValue;
  }
}

/** formatDatetime's inverse: ISO text (also the ±YYYYYY years of toISOString), or the ms it fell back to. */
function datetimeMillis(text: string): number {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return Date.parse(text);
}
