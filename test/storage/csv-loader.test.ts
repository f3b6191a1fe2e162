import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { SEGMENT_SIZE } from '../../src/storage/stored-index.js';
import { column } from './block-values.js';

const DATA = '/work/shared/esql-spec/data';
const load = (name: string) => loadCsvIndex(name, readFileSync(`${DATA}/${name}.csv`, 'utf8'));

describe('loadCsvIndex on the corpus datasets', () => {
  it.each([
    ['employees', 100, 23],
    ['languages', 4, 2],
    ['apps', 14, 3],
    ['hosts', 10, 6],
    ['addresses', 3, 8],
    ['sample_data', 7, 4],
    ['ul_logs', 101, 5],
    ['wide', 6, 147],
  ])('%s has %i rows and %i columns, every block sized to its segment', (name, rows, cols) => {
    const idx = load(name);
    expect(idx.name).toBe(name);
    expect(idx.rowCount).toBe(rows);
    expect(idx.columns).toHaveLength(cols);
    expect(idx.segments.reduce((n, s) => n + s.positionCount, 0)).toBe(rows);
    for (const seg of idx.segments) {
      expect(seg.blocks).toHaveLength(cols);
      for (const b of seg.blocks) expect(b.positionCount).toBe(seg.positionCount);
    }
  });

  it('maps header types to ES|QL types and keeps CSV column order', () => {
    const idx = load('employees');
    expect(idx.columns.slice(0, 9)).toEqual([
      { name: 'birth_date', type: 'datetime' },
      { name: 'emp_no', type: 'integer' },
      { name: 'first_name', type: 'keyword' },
      { name: 'gender', type: 'keyword' },
      { name: 'hire_date', type: 'datetime' },
      { name: 'languages', type: 'integer' },
      { name: 'languages.long', type: 'long' },
      { name: 'languages.short', type: 'integer' },
      { name: 'languages.byte', type: 'integer' },
    ]);
    const types = Object.fromEntries(idx.columns.map((c) => [c.name, c.type]));
    expect(types['height.float']).toBe('double');
    expect(types['height.half_float']).toBe('double');
    expect(types['height.scaled_float']).toBe('double');
    expect(types.still_hired).toBe('boolean');
    expect(types.avg_worked_seconds).toBe('long');
    expect(types['salary_change.keyword']).toBe('keyword');
    expect(load('ul_logs').columns.map((c) => c.type)).toEqual(['integer', 'datetime', 'unsigned_long', 'unsigned_long', 'keyword']);
    expect(load('hosts').columns.map((c) => c.type)).toEqual(['keyword', 'text', 'text', 'keyword', 'ip', 'ip']);
    expect(load('apps').columns[1].type).toBe('version');
  });

  it('trims values, reads empty cells as null and dates as epoch millis', () => {
    const e = load('employees');
    expect(column(e, 'first_name')[0]).toBe('Georgi');
    expect(column(e, 'still_hired')[0]).toBe(1);
    expect(column(e, 'birth_date')[0]).toBe(Date.UTC(1953, 8, 2));
    const gender = column(e, 'gender');
    expect(gender.filter((g) => g === null)).toHaveLength(10);
    expect(gender[9]).toBeNull();
    const s = load('sample_data');
    expect(column(s, '@timestamp')[0]).toBe(Date.parse('2023-10-23T13:55:01.543Z'));
    expect(column(s, 'client_ip')[4]).toBe('172.21.0.5');
    expect(column(s, 'event_duration')[3]).toBe(725448);
    const apps = load('apps');
    expect(column(apps, 'version')[10]).toBeNull();
    expect(column(apps, 'version')[6]).toBe('5.2.9-SNAPSHOT');
  });

  it('sorts multi-values: numbers numerically with duplicates, keywords de-duplicated', () => {
    const e = load('employees');
    const byEmp = (name: string, emp: number) => column(e, name)[emp - 10001];
    expect(byEmp('salary_change', 10003)).toEqual([12.82, 14.68]);
    expect(byEmp('salary_change', 10004)).toEqual([-0.35, 1.13, 3.65, 13.48]);
    expect(byEmp('is_rehired', 10002)).toEqual([0, 0]);
    expect(byEmp('job_positions', 10001)).toEqual(['Accountant', 'Senior Python Developer']);
    expect(byEmp('job_positions', 10003)).toBeNull();
    expect(byEmp('is_rehired', 10003)).toBeNull();
    for (const seg of e.segments) for (const b of seg.blocks) expect(b.mvSorted).toBe(true);
  });

  it('derives employees multi-fields from the parent, ignoring the CSV subfield cells', () => {
    const e = load('employees');
    const byEmp = (name: string, emp: number) => column(e, name)[emp - 10001];
    expect(byEmp('height.float', 10001)).toBe(2.0299999713897705);
    expect(byEmp('height.half_float', 10001)).toBe(2.029296875);
    expect(byEmp('height.scaled_float', 10001)).toBe(2.03);
    expect(byEmp('languages.long', 10002)).toBe(5);
    expect(byEmp('languages.byte', 10002)).toBe(5);
    expect(byEmp('salary_change.int', 10002)).toEqual([-7, 11]);
    expect(byEmp('salary_change.long', 10004)).toEqual([0, 1, 3, 13]);
    expect(byEmp('salary_change.keyword', 10004)).toEqual(['-0.35', '1.13', '13.48', '3.65']);
    // The CSV's own subfield column has the typo [-1.171] here; ES derives from the parent instead.
    expect(byEmp('salary_change.keyword', 10062)).toBe('-1.17');
    const keywords = column(e, 'salary_change.keyword').flat();
    expect(keywords).toContain('-3.90');
    expect(keywords).not.toContain('-1.171');
  });

  it('keeps dotted columns without a parent column as real fields', () => {
    const a = load('addresses');
    expect(column(a, 'city.name')).toEqual(['Amsterdam', 'San Francisco', 'Tokyo']);
    expect(column(a, 'city.country.continent.planet.galaxy')).toEqual(['Milky Way', 'Milky Way', 'Milky Way']);
  });

  it('reads ip multi-values with spaces, canonical and sorted in address order', () => {
    const h = load('hosts');
    expect(column(h, 'ip0')[1]).toBe('::1');
    expect(column(h, 'ip0')[7]).toEqual(['fe80::cae2:65ff:fece:feb9', 'fe80::cae2:65ff:fece:fec0', 'fe80::cae2:65ff:fece:fec1']);
    expect(column(h, 'ip0')[8]).toBeNull();
    expect(column(h, 'ip1')[8]).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(column(h, 'description')[4]).toEqual(['beta k8s server', 'beta k8s server2']);
    expect(column(h, 'host_group')[7]).toBeNull();
  });

  it('reads unsigned longs exactly as bigints', () => {
    const ul = load('ul_logs');
    const bytesIn = column(ul, 'bytes_in');
    expect(bytesIn[0]).toBe(4348801185987554667n);
    expect(bytesIn).toContain(18446744073709551615n);
    expect(bytesIn).toContain(0n);
  });

  it('parses quoted values, escaped commas, [] as null and _id as no field', () => {
    const idx = loadCsvIndex(
      't',
      '// comment\n_id:keyword, a:keyword , b : integer,c:keyword\n\n1,"x, y",[3, 1, 2],a\\,b\n2,  ,[],["q,r", p]\n',
    );
    expect(idx.columns).toEqual([
      { name: 'a', type: 'keyword' },
      { name: 'b', type: 'integer' },
      { name: 'c', type: 'keyword' },
    ]);
    expect(column(idx, 'a')).toEqual(['x, y', null]);
    expect(column(idx, 'b')).toEqual([[1, 2, 3], null]);
    expect(column(idx, 'c')).toEqual(['a,b', ['p', 'q,r']]);
  });

  it('cuts rows into segments of SEGMENT_SIZE positions', () => {
    const rows = SEGMENT_SIZE * 2 + 5;
    const text = ['n:long', ...Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? `[${i},${i + 1}]` : `${i}`))].join('\n');
    const idx = loadCsvIndex('big', text);
    expect(idx.segments.map((s) => s.positionCount)).toEqual([SEGMENT_SIZE, SEGMENT_SIZE, 5]);
    const all = column(idx, 'n');
    expect(all[SEGMENT_SIZE + 1]).toEqual([SEGMENT_SIZE + 1, SEGMENT_SIZE + 2]);
    expect(all[SEGMENT_SIZE + 2]).toBe(SEGMENT_SIZE + 2);
    expect(all[rows - 1]).toBe(rows - 1);
  });

  it('rejects values that do not fit the column type, naming line and column', () => {
    expect(() => loadCsvIndex('t', 'a:integer\n1\nabc\n')).toThrow(/line 3, column \[a\]/);
    expect(() => loadCsvIndex('t', 'a:ip\n300.1.1.1\n')).toThrow(/ip/);
    expect(() => loadCsvIndex('t', 'a:geo_point\n')).toThrow(/unsupported field type \[geo_point\]/);
  });
});
