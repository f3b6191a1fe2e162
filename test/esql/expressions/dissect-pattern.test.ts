import { describe, expect, it } from 'vitest';
import { DissectPattern } from '../../../src/esql/expressions/dissect-pattern.js';

function extract(pattern: string, input: string, separator = '') {
  const d = new DissectPattern(pattern, separator);
  const out = d.fields.map(() => [] as (string | number | boolean)[]);
  const matched = d.extract(input, out);
  return { fields: d.fields.map((f) => f.name), matched, out };
}

describe('DissectPattern', () => {
  it('splits on the literal delimiters, the last key takes the rest', () => {
    expect(extract('%{a} %{b}', 'Gateway instances and more')).toEqual({
      fields: ['a', 'b'],
      matched: true,
      out: [['Gateway'], ['instances and more']],
    });
  });

  it('needs the leading literal and every delimiter', () => {
    expect(extract('[%{a}] %{b}', 'x] y').matched).toBe(false);
    expect(extract('%{a}-%{b}', 'no dash').matched).toBe(false);
  });

  it('skips ?named and empty keys, appends + keys with the separator', () => {
    const r = extract('%{+name} %{?skip} %{} %{+name}', 'John x y Smith', ' ');
    expect(r.fields).toEqual(['name']);
    expect(r.out).toEqual([['John Smith']]);
  });

  it('-> skips repeated delimiters', () => {
    expect(extract('%{a->} %{b}', 'x     y').out).toEqual([['x'], ['y']]);
  });
});
