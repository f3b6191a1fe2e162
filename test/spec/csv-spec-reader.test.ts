import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, normalizeType, parseCell, parseHeaderCell, readCsvSpec, splitPipeRow } from './csv-spec-reader.js';

const SPEC_DIR = '/work/shared/esql-spec';

const SAMPLE = [
  '// a file comment',
  'first',
  'required_capability: cap_one',
  'REQUIRED_CAPABILITY: cap_two',
  '',
  '// tag::docs[]',
  'FROM employees',
  '| KEEP emp_no  // trailing comment stays',
  '// end::docs[]',
  '| LIMIT 2;',
  '',
  '// tag::docs-result[]',
  'emp_no:integer | COUNT(*) : long|x::long:l | s : string',
  '10001          | 5 | [1, 2] | "a|b"',
  'null           | NULL | [] | ""',
  '// end::docs-result[]',
  'warning:Line 1:2: evaluation of [x] failed, treating result as null. Only first 20 failures recorded.#[Emulated:Line 1:3: alt]',
  'ignoreOrder:true',
  ';',
  '',
  'disabled#[skip:-9.99.99,reason:not yet fixed]',
  'ROW a = 1;',
  'a:integer',
  '1',
  ';',
  '',
  'enabled#[skip:-8.11.99, reason:old]',
  'SET unmapped_fields="nullify"\\;',
  'ROW a = 1',
  ';',
  'warningRegex: Line \\d+:\\d+: foo',
  'a:i',
  ';',
  '',
  'something-Ignore',
  'ROW a = [1, 2];',
  'a:integer',
  '[1,2]',
  '; trailing text ignored',
].join('\n');

describe('readCsvSpec', () => {
  const tests = readCsvSpec('sample.csv-spec', SAMPLE);

  it('reads names, capabilities, queries joined with CRLF', () => {
    expect(tests.map((t) => t.name)).toEqual(['first', 'disabled', 'enabled', 'something-Ignore']);
    const [first] = tests;
    expect(first.line).toBe(2);
    expect(first.requiredCapabilities).toEqual(['cap_one', 'cap_two']);
    expect(first.query).toBe('FROM employees\r\n| KEEP emp_no  // trailing comment stays\r\n| LIMIT 2');
    expect(first.ignoreOrder).toBe(true);
    expect(first.disabledReason).toBeUndefined();
  });

  it('reads the expected header with aliases and :: protection, and cells', () => {
    const [first] = tests;
    expect(first.expected.columns).toEqual([
      { name: 'emp_no', type: 'integer' },
      { name: 'COUNT(*)', type: 'long' },
      { name: 'x::long', type: 'long' },
      { name: 's', type: 'keyword' },
    ]);
    expect(first.expected.rows).toEqual([
      ['10001', '5', ['1', '2'], 'a|b'],
      [null, null, [''], ''],
    ]);
  });

  it('keeps warnings with their emulated alternative, and warning regexes', () => {
    expect(tests[0].warnings).toEqual([
      {
        text: 'Line 1:2: evaluation of [x] failed, treating result as null. Only first 20 failures recorded.',
        alternative: 'Line 1:3: alt',
      },
    ]);
    expect(tests[2].warningRegexes).toEqual(['Line \\d+:\\d+: foo']);
    expect(tests[2].expected).toEqual({ columns: [{ name: 'a', type: 'integer' }], rows: [] });
  });

  it('unescapes \\; so a SET statement does not end the query', () => {
    expect(tests[2].query).toBe('SET unmapped_fields="nullify";\r\nROW a = 1\r\n');
  });

  it('disables -Ignore tests and skip bounds at or above the current version only', () => {
    expect(tests[1].disabledReason).toMatch(/skip upper bound 9\.99\.99/);
    expect(tests[2].disabledReason).toBeUndefined();
    expect(tests[2].instruction).toBe('[skip:-8.11.99, reason:old]');
    expect(tests[3].disabledReason).toMatch(/-Ignore/);
  });

  it('closes the last test at the end of the file, and rejects a test without a query end', () => {
    expect(readCsvSpec('x', 't\nROW a = 1;\na:integer\n1\n')[0].expected.rows).toEqual([['1']]);
    expect(() => readCsvSpec('x', 't\nROW a = 1\n')).toThrow(/no query ending/);
  });

  it('gives repeated names a unique id', () => {
    const t = readCsvSpec('x', 't\nROW a=1;\na:i\n;\nT\nROW a=1;\na:i\n;\nt\nROW a=1;\na:i\n;\n');
    expect(t.map((x) => x.id)).toEqual(['t', 'T~2', 't~3']);
  });

  it('parses every file of the corpus', () => {
    const files = readdirSync(SPEC_DIR).filter((f) => f.endsWith('.csv-spec'));
    let total = 0;
    for (const f of files) {
      const t = readCsvSpec(f, readFileSync(`${SPEC_DIR}/${f}`, 'utf8'));
      expect(t.length).toBeGreaterThan(0);
      for (const test of t) {
        expect(test.query.trim()).not.toBe('');
        for (const row of test.expected.rows) expect(row).toHaveLength(test.expected.columns.length);
      }
      total += t.length;
    }
    expect(total).toBeGreaterThan(900);
    const stats = readCsvSpec('stats.csv-spec', readFileSync(`${SPEC_DIR}/stats.csv-spec`, 'utf8'));
    const maxOfInteger = stats.find((t) => t.name === 'maxOfInteger')!;
    expect(maxOfInteger.query).toBe('FROM employees\r\n| STATS MAX(languages)\r\n');
    expect(maxOfInteger.expected).toEqual({ columns: [{ name: 'MAX(languages)', type: 'integer' }], rows: [['5']] });
  });
});

describe('expected-table pieces', () => {
  it('normalises type aliases case-insensitively', () => {
    expect(['i', 'L', 'ul', 'd', 'k', 's', 'string', 'txt', 'n', 'bool', 'date', 'dt', 'v', 'short', 'byte', 'float', 'half_float', 'scaled_float', 'counter_long', 'DATETIME'].map(normalizeType)).toEqual([
      'integer', 'long', 'unsigned_long', 'double', 'keyword', 'keyword', 'keyword', 'text', 'null', 'boolean', 'datetime', 'datetime', 'version', 'integer', 'integer', 'double', 'double', 'double', 'long', 'datetime',
    ]);
  });

  it('splits header cells on the single colon left after :: protection', () => {
    expect(parseHeaderCell(' ROUND(AVG(height * 1.5)) : double ')).toEqual({ name: 'ROUND(AVG(height * 1.5))', type: 'double' });
    expect(parseHeaderCell('"2025-01-01"::datetime:datetime')).toEqual({ name: '"2025-01-01"::datetime', type: 'datetime' });
    expect(parseHeaderCell('count(``event_duration``):l')).toEqual({ name: 'count(``event_duration``)', type: 'long' });
    expect(() => parseHeaderCell('no_type')).toThrow(/bad header cell/);
  });

  it('parses cells: quoted, multi-values with quotes and escaped commas', () => {
    expect(parseCell('  "33,F" ')).toBe('33,F');
    expect(parseCell('["true", "TRuE", "", "1"]')).toEqual(['true', 'TRuE', '', '1']);
    expect(parseCell('[a\\,b, c]')).toEqual(['a,b', 'c']);
    expect(parseCell('[x]')).toEqual(['x']);
    expect(parseCell("'some text  '")).toBe("'some text  '");
    expect(splitPipeRow('a | "b|c" | d')).toEqual(['a ', ' "b|c" ', ' d']);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('9.99.99', '9.99.99')).toBe(0);
    expect(compareVersions('8.11.99', '9.99.99')).toBeLessThan(0);
    expect(compareVersions('10.0.0', '9.99.99')).toBeGreaterThan(0);
  });
});
