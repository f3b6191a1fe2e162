/**
 * Per-group state lives in typed arrays indexed by group id. They grow by doubling so that a batch
 * only checks capacity once (`maxGroupId`) instead of per row.
 */

export function maxGroupId(groupIds: Int32Array, positionCount: number): number {
  let max = -1;
  for (let p = 0; p < positionCount; p++) if (groupIds[p] > max) max = groupIds[p];
  return max;
}

function newCapacity(current: number, needed: number): number {
  let cap = Math.max(16, current);
  while (cap < needed) cap *= 2;
  return cap;
}

export function growFloat64(a: Float64Array<ArrayBuffer>, needed: number, fill = 0): Float64Array<ArrayBuffer> {
  if (a.length >= needed) return a;
  const b = new Float64Array(newCapacity(a.length, needed));
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

export function growInt32(a: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (a.length >= needed) return a;
  const b = new Int32Array(newCapacity(a.length, needed));
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  if (a.length >= needed) return a;
  const b = new Uint8Array(newCapacity(a.length, needed));
  b.set(a);
  return b;
}

export function growBigUint64(a: BigUint64Array<ArrayBuffer>, needed: number): BigUint64Array<ArrayBuffer> {
  if (a.length >= needed) return a;
  const b = new BigUint64Array(newCapacity(a.length, needed));
  b.set(a);
  return b;
}

export function growArray<T>(a: T[], needed: number, fill: T): T[] {
  while (a.length < needed) a.push(fill);
  return a;
}
