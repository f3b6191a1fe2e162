import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/storage/catalog.js';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { IndexWriter } from '../../src/storage/index-writer.js';
import { IndexWriters } from '../../src/storage/index-writers.js';
import { executeBulk } from '../../src/storage/bulk-request.js';
import { SEGMENT_SIZE } from '../../src/storage/stored-index.js';
import { column } from './block-values.js';

describe('IndexWriter', () => {
  it('seals full segments and shares them between snapshots', () => {
    const w = new IndexWriter('n', [{ name: 'v', fieldType: 'integer', source: 'v' }]);
    for (let i = 0; i < SEGMENT_SIZE + 5; i++) expect(w.append({ v: i }, String(i), false)).toBeUndefined();
    const first = w.snapshot();
    expect(first.segments.map((s) => s.positionCount)).toEqual([SEGMENT_SIZE, 5]);
    w.append({ v: -1 }, 'x', false);
    const second = w.snapshot();
    // The sealed Page is the same object; the earlier snapshot still sees its own 5-row tail.
    expect(second.segments[0]).toBe(first.segments[0]);
    expect(first.rowCount).toBe(SEGMENT_SIZE + 5);
    expect(second.segments[1].positionCount).toBe(6);
    expect(column(second, 'v').slice(-2)).toEqual([SEGMENT_SIZE + 4, -1]);
  });

  it('adds a column for an unmapped field: null in earlier rows, sealed ones included', () => {
    const w = new IndexWriter('n');
    for (let i = 0; i < SEGMENT_SIZE + 1; i++) w.append({ a: 1 }, String(i), false);
    w.append({ a: 2, b: ['z', 'a', 'z'], c: { d: 1.5 } }, 'last', false);
    const idx = w.snapshot();
    expect(idx.columns).toEqual([
      { name: 'a', type: 'long' },
      { name: 'b', type: 'keyword' },
      { name: 'c.d', type: 'double' },
    ]);
    const b = column(idx, 'b');
    expect(b.length).toBe(SEGMENT_SIZE + 2);
    expect(b.slice(0, 1)).toEqual([null]);
    // Multi-values sorted and de-duplicated as the CSV loader stores them.
    expect(b[b.length - 1]).toEqual(['a', 'z']);
    expect(column(idx, 'c.d').at(-1)).toBe(1.5);
  });

  it('refuses a document whole: nothing of it is written', () => {
    const w = new IndexWriter('n', [{ name: 'n', fieldType: 'long', source: 'n' }]);
    const err = w.append({ n: 'abc', fresh: 'x' }, 'id1', true);
    expect(err).toMatchObject({ type: 'document_parsing_exception', status: 400 });
    expect(w.rowCount).toBe(0);
    expect(w.hasId('id1')).toBe(false);
    expect(w.snapshot().columns.map((c) => c.name)).toEqual(['n']);
  });

  it('continues an index loaded from CSV and keeps its segments', () => {
    const catalog = new Catalog();
    const csv = loadCsvIndex('books', 'title:keyword,when:date\nA,2020-01-01\n');
    catalog.put(csv);
    const writers = new IndexWriters(catalog);
    const res = executeBulk('{"index":{}}\n{"title":"B","when":"2021-02-03","pages":10}\n', 'books', writers, () => 0);
    expect(res.errors).toBe(false);
    const idx = catalog.get('books')!;
    expect(idx.rowCount).toBe(2);
    expect(idx.segments[0].blocks.slice(0, 2)).toEqual(csv.segments[0].blocks);
    expect(column(idx, 'title')).toEqual(['A', 'B']);
    expect(column(idx, 'when')).toEqual([Date.parse('2020-01-01'), Date.parse('2021-02-03')]);
    expect(column(idx, 'pages')).toEqual([null, 10]);
  });
});
