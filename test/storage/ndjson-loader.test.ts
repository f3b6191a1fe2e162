import { describe, expect, it } from 'vitest';
import { loadNdjsonIndex } from '../../src/storage/ndjson-loader.js';
import { column } from './block-values.js';

describe('loadNdjsonIndex', () => {
  const text = [
    '{"i": 1, "l": 1, "d": 1, "b": true, "k": "a", "t": "2024-01-02T03:04:05.678Z", "o": {"x": 1, "y": {"z": "deep"}}}',
    '',
    '{"i": -7, "l": 5000000000, "d": 2.5, "b": false, "k": ["z", "a", "z"], "t": "2024-01-01", "arr": [3, 1, 2]}',
    '{"i": null, "mixed": 1}',
    '{"k": [], "mixed": "x", "never": null, "o": [{"x": 2}, {"x": 1}]}',
  ].join('\n');
  const idx = loadNdjsonIndex('docs', text);

  it('infers one type per field over all documents', () => {
    expect(idx.rowCount).toBe(4);
    expect(idx.columns).toEqual([
      { name: 'i', type: 'integer' },
      { name: 'l', type: 'long' },
      { name: 'd', type: 'double' },
      { name: 'b', type: 'boolean' },
      { name: 'k', type: 'keyword' },
      { name: 't', type: 'datetime' },
      { name: 'o.x', type: 'integer' },
      { name: 'o.y.z', type: 'keyword' },
      { name: 'arr', type: 'integer' },
      { name: 'mixed', type: 'keyword' },
    ]);
  });

  it('reads values, nulls for missing fields, and sorted multi-values', () => {
    expect(column(idx, 'i')).toEqual([1, -7, null, null]);
    expect(column(idx, 'l')).toEqual([1, 5000000000, null, null]);
    expect(column(idx, 'd')).toEqual([1, 2.5, null, null]);
    expect(column(idx, 'b')).toEqual([1, 0, null, null]);
    expect(column(idx, 'k')).toEqual(['a', ['a', 'z'], null, null]);
    expect(column(idx, 't')).toEqual([Date.parse('2024-01-02T03:04:05.678Z'), Date.UTC(2024, 0, 1), null, null]);
    expect(column(idx, 'o.x')).toEqual([1, null, null, [1, 2]]);
    expect(column(idx, 'o.y.z')).toEqual(['deep', null, null, null]);
    expect(column(idx, 'arr')).toEqual([null, [1, 2, 3], null, null]);
    expect(column(idx, 'mixed')).toEqual([null, null, '1', 'x']);
  });

  it('treats a string that is not a date as keyword even when others are dates', () => {
    const t = loadNdjsonIndex('x', '{"a":"2024-01-01"}\n{"a":"hello"}\n');
    expect(t.columns).toEqual([{ name: 'a', type: 'keyword' }]);
    expect(column(t, 'a')).toEqual(['2024-01-01', 'hello']);
  });

  it('rejects a line that is not a JSON object', () => {
    expect(() => loadNdjsonIndex('x', '{"a":1}\n[1,2]\n')).toThrow(/line 2: expected a JSON object/);
    expect(() => loadNdjsonIndex('x', '{"a":1\n')).toThrow(/line 1/);
  });
});
