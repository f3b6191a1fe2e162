import { describe, expect, it } from 'vitest';
import { blockToValues } from '../../src/compute/block-builder.js';
import { NULL_ORDINAL } from '../../src/compute/block.js';
import { ColumnBuilder } from '../../src/storage/column-builder.js';
import { ColumnDictionary, MAX_DICTIONARY_TERMS } from '../../src/storage/column-dictionary.js';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { IndexWriter } from '../../src/storage/index-writer.js';
import { loadNdjsonIndex } from '../../src/storage/ndjson-loader.js';
import { SEGMENT_SIZE } from '../../src/storage/stored-index.js';
import { column } from './block-values.js';

const blockOf = (index: { segments: readonly { blocks: readonly import('../../src/compute/block.js').Block[] }[] }, seg: number, col: number) =>
  index.segments[seg].blocks[col];

describe('dictionary-encoded string columns', () => {
  it('the CSV loader encodes a repetitive column and keeps a mostly-unique one plain', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 'GET' : 'POST'},id-${i},${i}`);
    const idx = loadCsvIndex('t', ['verb:keyword,id:keyword,n:integer', ...rows].join('\n'));
    const verb = blockOf(idx, 0, 0);
    expect(verb.dictionary?.terms).toEqual(['GET', 'POST']);
    expect(Array.from(verb.dictionary?.ordinals.subarray(0, 4) ?? [])).toEqual([0, 1, 1, 0]);
    expect(blockOf(idx, 0, 1).dictionary).toBeUndefined();
    expect(blockOf(idx, 0, 2).dictionary).toBeUndefined();
    expect(column(idx, 'verb').slice(0, 4)).toEqual(['GET', 'POST', 'POST', 'GET']);
    expect(column(idx, 'id')[39]).toBe('id-39');
  });

  it('encodes nulls as NULL_ORDINAL in 16 bits (NDJSON)', () => {
    const docs = ['a', null, 'b', 'a', 'a', 'b', null, 'a'].map((k) => (k === null ? {} : { k }));
    const idx = loadNdjsonIndex('t', docs.map((d) => JSON.stringify(d)).join('\n'));
    const b = blockOf(idx, 0, 0);
    expect(b.dictionary?.ordinals).toBeInstanceOf(Uint16Array);
    expect(Array.from(b.dictionary?.ordinals ?? [])).toEqual([0, NULL_ORDINAL, 1, 0, 0, 1, NULL_ORDINAL, 0]);
    expect(blockToValues(b)).toEqual(['a', null, 'b', 'a', 'a', 'b', null, 'a']);
  });

  it('encodes multi-values per value (NDJSON)', () => {
    const docs = [{ t: 'x' }, {}, { t: ['y', 'x', 'y'] }, { t: 'x' }, { t: 'y' }, { t: 'x' }];
    const idx = loadNdjsonIndex('t', docs.map((d) => JSON.stringify(d)).join('\n'));
    const b = blockOf(idx, 0, 0);
    expect(b.dictionary).toBeDefined();
    expect(b.firstValueIndexes).toBeDefined();
    expect(blockToValues(b)).toEqual(['x', null, ['x', 'y'], 'x', 'y', 'x']);
  });

  it('the bulk IndexWriter shares one term list across sealed segments', () => {
    const w = new IndexWriter('n', [{ name: 'host', fieldType: 'keyword', source: 'host' }]);
    for (let i = 0; i < 2 * SEGMENT_SIZE; i++) w.append({ host: `h${(i * 7) % (i < SEGMENT_SIZE ? 10 : 20)}` }, String(i), false);
    const idx = w.snapshot();
    const [a, b] = [blockOf(idx, 0, 0), blockOf(idx, 1, 0)];
    expect(a.dictionary?.terms).toBe(b.dictionary?.terms);
    expect(b.dictionary?.terms).toHaveLength(20);
    expect(column(idx, 'host').slice(SEGMENT_SIZE, SEGMENT_SIZE + 3)).toEqual(['h4', 'h11', 'h18']);
  });

  it('stops growing a column dictionary at its limit; later blocks with new terms stay plain', () => {
    const dict = new ColumnDictionary();
    const first = Array.from({ length: 2 * MAX_DICTIONARY_TERMS }, (_, i) => `t${i % MAX_DICTIONARY_TERMS}`);
    const ordinals = new Uint16Array(first.length);
    expect(dict.encode(first, undefined, ordinals)).toBe(true);
    // The last term's ordinal stays below the null placeholder.
    expect(ordinals.reduce((a, b) => Math.max(a, b), 0)).toBe(NULL_ORDINAL - 1);
    expect(dict.encode(['new', 'new'], undefined, new Uint16Array(2))).toBe(false);
    const known = new Uint16Array(2);
    expect(dict.encode(['t5', 't5'], undefined, known)).toBe(true);
    expect(Array.from(known)).toEqual([5, 5]);
    expect(dict.terms).toHaveLength(MAX_DICTIONARY_TERMS);
    const builder = new ColumnBuilder('keyword', dict);
    builder.appendValue('new');
    builder.appendValue('new');
    expect(builder.block(0, 2).dictionary).toBeUndefined();
  });

  it('leaves numeric columns alone and encodes the demo logs keywords over fixed term lists', () => {
    expect(new ColumnBuilder('long').dictionary).toBeNull();
    const logs = generateLogs(SEGMENT_SIZE + 10, 7);
    const hosts = logs.segments.map((s) => s.blocks[1].dictionary?.terms);
    expect(hosts[0]).toHaveLength(1000);
    expect(hosts[1]).toBe(hosts[0]);
    expect(logs.segments[0].blocks[5].dictionary?.terms).toHaveLength(50);
    expect(logs.segments[0].blocks[1].dictionary?.ordinals).toBeInstanceOf(Uint16Array);
  });
});
