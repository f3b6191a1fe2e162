import { BlockBuilder, type Scalar } from '../../../src/compute/block-builder.js';
import type { Block } from '../../../src/compute/block.js';
import type { DataType } from '../../../src/compute/data-type.js';
import { Catalog } from '../../../src/storage/catalog.js';
import type { IndexColumn, StoredIndex } from '../../../src/storage/stored-index.js';

export type Cell = Scalar | readonly Scalar[] | null;

/** Builds a StoredIndex straight from rows (datetimes as ISO strings), split into segments of `segmentSize`. */
export function storedIndex(name: string, columns: readonly IndexColumn[], rows: readonly (readonly Cell[])[], segmentSize = 4): StoredIndex {
  const segments = [];
  for (let start = 0; start < rows.length; start += segmentSize) {
    const slice = rows.slice(start, start + segmentSize);
    const blocks: Block[] = columns.map((c, i) => column(c.type, slice.map((r) => r[i])));
    segments.push({ positionCount: slice.length, blocks });
  }
  return { name, columns, rowCount: rows.length, segments };
}

function column(type: DataType, cells: readonly Cell[]): Block {
  const b = new BlockBuilder(type, cells.length);
  for (const cell of cells) {
    if (cell === null) b.appendNull();
    else if (Array.isArray(cell)) {
      b.beginPositionEntry();
      for (const v of cell as readonly Scalar[]) b.appendScalar(convert(type, v));
      b.endPositionEntry();
    } else b.appendScalar(convert(type, cell as Scalar));
  }
  return b.build();
}

const convert = (type: DataType, v: Scalar): Scalar => (type === 'datetime' && typeof v === 'string' ? Date.parse(v) : v);

/** A small employees-like catalog shared by the engine tests. */
export function testCatalog(): Catalog {
  const catalog = new Catalog();
  catalog.put(
    storedIndex(
      'emp',
      [
        { name: 'emp_no', type: 'integer' },
        { name: 'first_name', type: 'keyword' },
        { name: 'salary', type: 'integer' },
        { name: 'languages', type: 'integer' },
        { name: 'height', type: 'double' },
        { name: 'hired', type: 'datetime' },
        { name: 'still_hired', type: 'boolean' },
        { name: 'tags', type: 'keyword' },
        { name: 'big', type: 'long' },
      ],
      [
        [1, 'Georgi', 57305, 2, 2.03, '1986-06-26T00:00:00.000Z', true, ['a', 'b'], 2 ** 53 + 2],
        [2, 'Bezalel', 56371, 5, 2.08, '1985-11-21T00:00:00.000Z', true, 'a', 1],
        [3, 'Parto', 61805, 4, 1.83, '1986-08-28T00:00:00.000Z', false, null, 2],
        [4, 'Chirstian', 36174, 5, 1.78, '1986-12-01T00:00:00.000Z', true, ['c'], 3],
        [5, 'Kyoichi', 63528, 1, 2.05, '1989-09-12T00:00:00.000Z', true, null, 4],
        [6, 'Anneke', 60335, 3, 1.56, '1989-06-02T00:00:00.000Z', false, 'b', 5],
        [7, 'Tzvetan', 74572, 4, 1.7, '1989-02-10T00:00:00.000Z', false, null, 6],
        [8, null, 43906, null, 2.1, '1994-02-17T00:00:00.000Z', true, ['b', 'c'], 7],
      ],
      3,
    ),
  );
  catalog.put(
    storedIndex(
      'logs-a',
      [
        { name: 'host', type: 'keyword' },
        { name: 'bytes', type: 'long' },
      ],
      [
        ['h1', 100],
        ['h2', 200],
      ],
    ),
  );
  catalog.put(
    storedIndex(
      'logs-b',
      [
        { name: 'host', type: 'keyword' },
        { name: 'status', type: 'integer' },
      ],
      [['h3', 404]],
    ),
  );
  return catalog;
}
