import { type BlockValues, emptyValues } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';

/**
 * Zero-filled typed arrays on a SharedArrayBuffer, for the arrays a stored segment holds (values,
 * nulls, firstValueIndexes, dictionary ordinals): worker threads then read the column memory itself,
 * with no copy per worker. Query-time arrays stay on ordinary ArrayBuffers; V8 gives both the same
 * element kind, so a loop over a stored and a query-time array stays monomorphic.
 */
export const sharedFloat64 = (length: number): Float64Array => new Float64Array(new SharedArrayBuffer(length * 8));
export const sharedInt32 = (length: number): Int32Array => new Int32Array(new SharedArrayBuffer(length * 4));
export const sharedUint16 = (length: number): Uint16Array => new Uint16Array(new SharedArrayBuffer(length * 2));
export const sharedUint8 = (length: number): Uint8Array => new Uint8Array(new SharedArrayBuffer(length));
export const sharedBigUint64 = (length: number): BigUint64Array => new BigUint64Array(new SharedArrayBuffer(length * 8));

/** emptyValues(type, length) with a typed array on shared memory; strings and null stay as they are. */
export function sharedEmptyValues(type: DataType, length: number): BlockValues {
  // emptyValues(type, 0) names the physical kind data-type.ts fixes for `type`, so it is decided in one place.
  const kind = emptyValues(type, 0);
  if (kind instanceof Float64Array) return sharedFloat64(length);
  if (kind instanceof Int32Array) return sharedInt32(length);
  if (kind instanceof Uint8Array) return sharedUint8(length);
  if (kind instanceof BigUint64Array) return sharedBigUint64(length);
  return emptyValues(type, length);
}
