import type { Block } from '../compute/block.js';
import type { Page } from '../compute/page.js';
import { isoMillis } from './iso-datetime.js';
import type { Value } from './query-engine.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const LONG_MAX_AS_DOUBLE = 9223372036854775808;
const LONG_MAX = 9223372036854775807n;

/**
 * Turns result Pages into JSON-ready rows: datetimes as ISO-8601 strings, unsigned_long (and long
 * beyond 2^53) as bigint so the HTTP layer can print every digit, multi-values as arrays, null.
 */
export function pagesToRows(pages: readonly Page[], columnCount: number): Value[][] {
  const rows: Value[][] = [];
  for (const page of pages) {
    const n = page.positionCount;
    for (let p = 0; p < n; p++) {
      const row = new Array<Value>(columnCount);
      for (let c = 0; c < columnCount; c++) row[c] = positionValue(page.blocks[c], p);
      rows.push(row);
    }
  }
  return rows;
}

/** Position p of a block as a response value. */
export function positionValue(b: Block, p: number): Value {
  if (b.values === null || (b.nulls !== undefined && b.nulls[p] === 1)) return null;
  const f = b.firstValueIndexes;
  if (f === undefined) return scalarValue(b, p);
  const start = f[p];
  const end = f[p + 1];
  if (end - start === 0) return null;
  if (end - start === 1) return scalarValue(b, start);
  const out = new Array<Value>(end - start);
  for (let i = start; i < end; i++) out[i - start] = scalarValue(b, i);
  return out;
}

function scalarValue(b: Block, i: number): Value {
  switch (b.type) {
    case 'boolean':
      return (b.values as Uint8Array)[i] === 1;
    case 'integer':
    case 'double':
      return (b.values as Int32Array | Float64Array)[i];
    case 'long': {
      const v = (b.values as Float64Array)[i];
      if (v >= LONG_MAX_AS_DOUBLE) return LONG_MAX; // 2^63 is how float64 holds Long.MAX_VALUE
      return v > MAX_SAFE || v < -MAX_SAFE ? BigInt(v) : v;
    }
    case 'unsigned_long':
      return (b.values as BigUint64Array)[i];
    case 'datetime':
      return formatDatetime((b.values as Float64Array)[i]);
    case 'keyword':
    case 'text':
    case 'ip':
    case 'version':
      return (b.values as string[])[i];
    case 'null':
      return null;
  }
}

/** ES prints datetimes as `2004-03-02T00:00:00.000Z`. */
export function formatDatetime(ms: number): string {
  const fast = isoMillis(ms);
  if (fast !== null) return fast;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
