import { describe, expect, it } from 'vitest';
import { formatTextTable } from '../../src/format/text-table-format.js';

describe('formatTextTable', () => {
  it('reproduces the ES docs example byte for byte', () => {
    const columns = [
      { name: 'author', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'page_count', type: 'integer' },
      { name: 'release_date', type: 'datetime' },
    ] as const;
    const rows = [
      ['Peter F. Hamilton', "Pandora's Star", 768, '2004-03-02T00:00:00.000Z'],
      ['Vernor Vinge', 'A Fire Upon the Deep', 613, '1992-06-01T00:00:00.000Z'],
    ];
    expect(formatTextTable(columns, rows)).toBe(
      '     author      |        name        |  page_count   |      release_date      \n' +
        '-----------------+--------------------+---------------+------------------------\n' +
        "Peter F. Hamilton|Pandora's Star      |768            |2004-03-02T00:00:00.000Z\n" +
        'Vernor Vinge     |A Fire Upon the Deep|613            |1992-06-01T00:00:00.000Z\n',
    );
  });

  it('prints doubles like Java, nulls as null, multi-values as lists', () => {
    const out = formatTextTable(
      [
        { name: 'd', type: 'double' },
        { name: 'k', type: 'keyword' },
      ],
      [
        [1, null],
        [2.5, ['a', 'b']],
      ],
    );
    expect(out.split('\n')).toEqual([
      '       d       |       k       ',
      '---------------+---------------',
      '1.0            |null           ',
      '2.5            |[a, b]         ',
      '',
    ]);
  });

  it('is empty without columns (a running query)', () => {
    expect(formatTextTable([], [])).toBe('');
  });
});
