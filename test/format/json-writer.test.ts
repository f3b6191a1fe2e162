import { describe, expect, it } from 'vitest';
import { EsqlValues, writeJson } from '../../src/format/json-writer.js';

describe('writeJson', () => {
  it('writes compact JSON identical to JSON.stringify for plain values', () => {
    const v = { a: 1, b: 'x"y', c: [true, null, { d: [] }], e: {} };
    expect(writeJson(v)).toBe(JSON.stringify(v));
  });

  it('writes bigints exactly and skips undefined members', () => {
    expect(writeJson({ big: 18446744073709551615n, gone: undefined, n: -1 })).toBe('{"big":18446744073709551615,"n":-1}');
  });

  it('writes typed result values row-wise and column-wise', () => {
    const rows = [
      [1, 2.0, 'a'],
      [null, 2.5, 'b'],
    ];
    const values = new EsqlValues(rows, ['long', 'double', 'keyword'], [0, 1, 2], false);
    expect(writeJson({ values })).toBe('{"values":[[1,2.0,"a"],[null,2.5,"b"]]}');
    const columnar = new EsqlValues(rows, ['long', 'double', 'keyword'], [2, 1], true);
    expect(writeJson({ values: columnar })).toBe('{"values":[["a","b"],[2.0,2.5]]}');
  });

  it('writes multi-values as JSON arrays in the column type', () => {
    const values = new EsqlValues([[[1, 2]], [[]]], ['double'], [0], false);
    expect(writeJson(values)).toBe('[[[1.0,2.0]],[[]]]');
  });

  it('pretty-prints the way ES does', () => {
    const values = new EsqlValues([[1]], ['integer'], [0], false);
    expect(writeJson({ took: 1, columns: [], values, o: {} }, true)).toBe(
      '{\n  "took" : 1,\n  "columns" : [ ],\n  "values" : [\n    [\n      1\n    ]\n  ],\n  "o" : { }\n}\n',
    );
  });

  it('parses back to the same structure', () => {
    const values = new EsqlValues([[1, 'x'], [2, null]], ['integer', 'keyword'], [0, 1], false);
    const body = { is_running: false, columns: [{ name: 'a', type: 'integer' }], values };
    expect(JSON.parse(writeJson(body, true))).toEqual(JSON.parse(writeJson(body)));
  });
});
