/**
 * A small index with every partial type, nulls and multi-values, built the way a loader builds one
 * (ColumnBuilder), for the split tests.
 */
import type { DataType } from '../../src/compute/data-type.js';
import { buildSegments, ColumnBuilder } from '../../src/storage/column-builder.js';
import { mulberry32 } from '../../src/storage/demo-logs.js';
import type { LoadedValue } from '../../src/storage/multi-value-order.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

type Cell = LoadedValue | LoadedValue[] | null;

const COLUMNS: readonly { name: string; type: DataType; value: (row: number, r: () => number) => Cell }[] = [
  { name: 'id', type: 'integer', value: (row) => row },
  { name: 'g', type: 'keyword', value: (row, r) => (row % 13 === 0 ? null : `g${Math.floor(r() * 5)}`) },
  { name: 'i', type: 'integer', value: (row, r) => (row % 7 === 0 ? null : row % 11 === 0 ? [Math.floor(r() * 50), -3] : Math.floor(r() * 1000) - 200) },
  { name: 'l', type: 'long', value: (row, r) => (row % 9 === 0 ? null : Math.floor(r() * 1e12)) },
  { name: 'big', type: 'long', value: (row) => (row % 5 === 0 ? 2 ** 60 + row * 1024 : row) },
  { name: 'd', type: 'double', value: (row, r) => (row % 17 === 0 ? null : row % 19 === 0 ? [r() * 10, -r()] : (r() - 0.3) * 1e4) },
  { name: 'k', type: 'keyword', value: (row, r) => (row % 10 === 0 ? null : row % 4 === 0 ? [`k${Math.floor(r() * 6)}`, `k${Math.floor(r() * 6)}`] : `k${Math.floor(r() * 6)}`) },
  { name: 't', type: 'text', value: (row) => (row % 8 === 0 ? null : `some text ${row % 23}`) },
  { name: 'b', type: 'boolean', value: (row, r) => (row % 6 === 0 ? null : r() < 0.5 ? 1 : 0) },
  { name: 'dt', type: 'datetime', value: (row, r) => (row % 15 === 0 ? null : row === 3 ? 253402300800000 + 5 : Date.UTC(2023, 0, 1) + Math.floor(r() * 1e10)) },
  { name: 'ip', type: 'ip', value: (row) => (row % 12 === 0 ? null : row % 3 === 0 ? `10.0.0.${row % 200}` : `::1:${(row % 50).toString(16)}`) },
  { name: 'v', type: 'version', value: (row) => (row % 14 === 0 ? null : `1.${row % 9}.${row % 4}${row % 5 === 0 ? '-beta' : ''}`) },
  { name: 'ul', type: 'unsigned_long', value: (row) => (row % 16 === 0 ? null : 2n ** 63n + BigInt(row) * 12345n) },
];

export function mixedIndex(rows: number, seed = 3): StoredIndex {
  const random = mulberry32(seed);
  const builders = COLUMNS.map((c) => new ColumnBuilder(c.type));
  for (let row = 0; row < rows; row++) {
    COLUMNS.forEach((c, i) => {
      const v = c.value(row, random);
      if (v === null) builders[i].appendNull();
      else if (Array.isArray(v)) builders[i].appendMulti(v);
      else builders[i].appendValue(v);
    });
  }
  return {
    name: 'mixed',
    columns: COLUMNS.map((c) => ({ name: c.name, type: c.type })),
    rowCount: rows,
    segments: buildSegments(builders, rows),
  };
}
