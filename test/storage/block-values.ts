import type { Block } from '../../src/compute/block.js';
import { firstValueIndex, valueCount } from '../../src/compute/block.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

type Cell = null | number | bigint | string | (number | bigint | string)[];

/** Test helper: the value(s) at position p, null, a scalar, or an array for a multi-value. */
export function cellAt(b: Block, p: number): Cell {
  const n = valueCount(b, p);
  if (n === 0) return null;
  const vals = b.values as unknown as ArrayLike<number | bigint | string>;
  const first = firstValueIndex(b, p);
  if (b.firstValueIndexes === undefined) return vals[first];
  const out: (number | bigint | string)[] = [];
  for (let i = 0; i < n; i++) out.push(vals[first + i]);
  return n === 1 ? out[0] : out;
}

/** Every cell of column `name`, over all segments. */
export function column(index: StoredIndex, name: string): Cell[] {
  const c = index.columns.findIndex((col) => col.name === name);
  if (c < 0) throw new Error(`no column ${name}`);
  const out: Cell[] = [];
  for (const seg of index.segments) for (let p = 0; p < seg.positionCount; p++) out.push(cellAt(seg.blocks[c], p));
  return out;
}
