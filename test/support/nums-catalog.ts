import type { Block } from '../../src/compute/block.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

export const SEGMENTS = 10;
export const SEGMENT_ROWS = 1_000;
export const ROWS = SEGMENTS * SEGMENT_ROWS;

/** `nums`: one long column n = 0..ROWS-1, in order, in segments built straight from typed arrays. */
export function numsCatalog(): Catalog {
  const segments = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const values = new Float64Array(SEGMENT_ROWS);
    for (let i = 0; i < SEGMENT_ROWS; i++) values[i] = s * SEGMENT_ROWS + i;
    const block: Block = { type: 'long', positionCount: SEGMENT_ROWS, values };
    segments.push({ positionCount: SEGMENT_ROWS, blocks: [block] });
  }
  const index: StoredIndex = { name: 'nums', columns: [{ name: 'n', type: 'long' }], rowCount: ROWS, segments };
  const catalog = new Catalog();
  catalog.put(index);
  return catalog;
}
