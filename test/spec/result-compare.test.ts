import { describe, expect, it } from 'vitest';
import type { ExpectedTable } from './csv-spec-reader.js';
import { readCsvSpec } from './csv-spec-reader.js';
import { actualFromResponse, cellMatches, compareResult, compareWarnings, parseWarningHeader } from './result-compare.js';
import { parseRawJson, RawNumber } from './raw-json.js';

const table = (spec: string): ExpectedTable => readCsvSpec('t', `t\nROW x = 1;\n${spec}\n;\n`)[0].expected;
const response = (columns: [string, string][], values: string) =>
  actualFromResponse(`{"took":1,"columns":[${columns.map(([n, t]) => `{"name":"${n}","type":"${t}"}`).join(',')}],"values":${values}}`);

describe('parseRawJson', () => {
  it('keeps number source text and parses the rest like JSON', () => {
    const v = parseRawJson('{"a":[18446744073709551615, -1.5e3, true, null, "x\\"y"], "b": {}}') as Record<string, unknown>;
    const a = v.a as unknown[];
    expect((a[0] as RawNumber).raw).toBe('18446744073709551615');
    expect((a[1] as RawNumber).value).toBe(-1500);
    expect(a.slice(2)).toEqual([true, null, 'x"y']);
    expect(v.b).toEqual({});
    expect(() => parseRawJson('{"a":1} x')).toThrow(/trailing/);
    expect(() => parseRawJson('[1,')).toThrow();
  });
});

describe('compareResult', () => {
  it('accepts equal tables and reports the first differing row', () => {
    const t = table('a:integer | b:keyword\n1 | x\n2 | y');
    expect(compareResult(t, false, response([['a', 'integer'], ['b', 'keyword']], '[[1,"x"],[2,"y"]]'))).toBeNull();
    expect(compareResult(t, false, response([['a', 'integer'], ['b', 'keyword']], '[[2,"y"],[1,"x"]]'))).toMatch(/^row 0: expected \[1 \| x\] got \[2 \| y\]/);
    expect(compareResult(t, true, response([['a', 'integer'], ['b', 'keyword']], '[[2,"y"],[1,"x"]]'))).toBeNull();
    expect(compareResult(t, true, response([['a', 'integer'], ['b', 'keyword']], '[[2,"y"],[2,"y"]]'))).toMatch(/not found/);
    expect(compareResult(t, false, response([['a', 'integer'], ['b', 'keyword']], '[[1,"x"]]'))).toMatch(/expected 2 rows, got 1/);
  });

  it('checks column names exactly and types after alias normalisation', () => {
    const t = table('d:date | n:l');
    expect(compareResult(t, false, response([['d', 'datetime'], ['n', 'long']], '[]'))).toBeNull();
    expect(compareResult(t, false, response([['d', 'datetime'], ['n', 'integer']], '[]'))).toMatch(/columns differ/);
    expect(compareResult(t, false, response([['D', 'datetime'], ['n', 'long']], '[]'))).toMatch(/columns differ/);
    expect(compareResult(t, false, response([['d', 'datetime']], '[]'))).toMatch(/columns differ/);
  });

  it('compares big integers exactly', () => {
    const t = table('u:ul | l:long\n18446744073709551615 | 9223372036854775807');
    expect(compareResult(t, false, response([['u', 'unsigned_long'], ['l', 'long']], '[[18446744073709551615, 9223372036854775807]]'))).toBeNull();
    expect(compareResult(t, false, response([['u', 'unsigned_long'], ['l', 'long']], '[[18446744073709551614, 9223372036854775807]]'))).not.toBeNull();
  });

  it('compares doubles numerically with a tiny relative tolerance', () => {
    const n = (raw: string) => new RawNumber(raw);
    expect(cellMatches('double', '3.181719481E8', n('318171948.1'))).toBe(true);
    expect(cellMatches('double', '7', n('7.0'))).toBe(true);
    expect(cellMatches('double', '-3.90', n('-3.9'))).toBe(true);
    expect(cellMatches('double', '.9', n('0.9'))).toBe(true);
    expect(cellMatches('double', '0.30000000000000004', n('0.3'))).toBe(true);
    expect(cellMatches('double', '0.3000000001', n('0.3'))).toBe(false);
    expect(cellMatches('double', '1.0000000000000002', n('1.0'))).toBe(true);
    expect(cellMatches('double', '2.0', n('2.001'))).toBe(false);
  });

  it('compares datetimes by instant, ips canonically, booleans and strings exactly', () => {
    expect(cellMatches('datetime', '2024-11-03', '2024-11-03T00:00:00.000Z')).toBe(true);
    expect(cellMatches('datetime', '1985-02-18T00:00:00.000Z', '1985-02-18T00:00:00.001Z')).toBe(false);
    expect(cellMatches('ip', 'fe80:0:0:0:cae2:65ff:fece:feb9', 'fe80::cae2:65ff:fece:feb9')).toBe(true);
    expect(cellMatches('boolean', 'TRUE', true)).toBe(true);
    expect(cellMatches('boolean', 'false', true)).toBe(false);
    expect(cellMatches('keyword', 'a', 'A')).toBe(false);
    expect(cellMatches('keyword', '', '')).toBe(true);
    expect(cellMatches('keyword', '', null)).toBe(false);
  });

  it('requires the JSON kind ES uses for the type', () => {
    expect(cellMatches('datetime', '1985-02-18T00:00:00.000Z', new RawNumber('477532800000'))).toBe(false);
    expect(cellMatches('long', '5', '5')).toBe(false);
    expect(cellMatches('double', '1.5', '1.5')).toBe(false);
    expect(cellMatches('boolean', 'true', 'true')).toBe(false);
    expect(cellMatches('keyword', '5', new RawNumber('5'))).toBe(false);
  });

  it('compares multi-values as ordered lists and nulls strictly', () => {
    expect(cellMatches('integer', ['1', '2'], [new RawNumber('1'), new RawNumber('2')])).toBe(true);
    expect(cellMatches('integer', ['1', '2'], [new RawNumber('2'), new RawNumber('1')])).toBe(false);
    expect(cellMatches('integer', ['1'], new RawNumber('1'))).toBe(true);
    expect(cellMatches('integer', '1', [new RawNumber('1'), new RawNumber('1')])).toBe(false);
    expect(cellMatches('integer', null, null)).toBe(true);
    expect(cellMatches('integer', null, new RawNumber('0'))).toBe(false);
  });
});

describe('warnings', () => {
  const evalW = 'Line 1:63: evaluation of [is_rehired in (still_hired, true)] failed, treating result as null. Only first 20 failures recorded.';
  const excW = 'Line 1:63: java.lang.IllegalArgumentException: single-value function encountered multi-value';

  it('extracts warning texts from a (joined) Warning header', () => {
    const header = `299 Elasticsearch-9.1.0-abc "${evalW}", 299 Elasticsearch-9.1.0-abc "quote \\"x\\", comma"`;
    expect(parseWarningHeader(header)).toEqual([evalW, 'quote \\"x\\", comma']);
    expect(parseWarningHeader(null)).toEqual([]);
  });

  it('matches evaluation lines as a multiset and ignores exception class names', () => {
    const expected = [{ text: evalW }, { text: excW }];
    const renamed = 'Line 1:63: org.elasticsearch.xpack.esql.core.InvalidArgumentException: single-value function encountered multi-value';
    expect(compareWarnings(expected, [], [evalW, renamed])).toBeNull();
    expect(compareWarnings(expected, [], [excW])).toMatch(/missing warning/);
    expect(compareWarnings([], [], [evalW])).toMatch(/unexpected warning/);
    expect(compareWarnings([], [], [])).toBeNull();
    const old = [{ text: evalW }, { text: 'java.lang.NumberFormatException: For input string: \\"two\\"' }];
    expect(compareWarnings(old, [], [evalW, 'Line 1:63: java.lang.NumberFormatException: For input string: \\"two\\"'])).toBeNull();
  });

  it('accepts the emulated alternative, escaped quotes and %25', () => {
    const alt = 'Line 1:28: evaluation of [salary_change < 1] failed, treating result as null. Only first 20 failures recorded.';
    expect(compareWarnings([{ text: evalW, alternative: alt }], [], [alt])).toBeNull();
    const quoted = 'Line 3:14: evaluation of [CASE(a, \\"still\\")] failed, treating result as false. Only first 20 failures recorded.';
    expect(compareWarnings([{ text: quoted }], [], [quoted])).toBeNull();
    const pct = 'Line 1:5: evaluation of [max %25 0] failed, treating result as null. Only first 20 failures recorded.';
    expect(compareWarnings([{ text: pct }], [], ['Line 1:5: evaluation of [max % 0] failed, treating result as null. Only first 20 failures recorded.'])).toBeNull();
  });

  it('treats warningRegex and regex-looking warning lines as patterns', () => {
    expect(compareWarnings([], ['Date format \\[MMMM\\] contains .*'], ['Date format [MMMM] contains textual field specifiers'])).toBeNull();
    expect(compareWarnings([], ['nope'], ['something'])).toMatch(/no warning matches/);
    expect(compareWarnings([{ text: 'Line \\d+:\\d+: Field x is unmapped' }], [], ['Line 2:7: Field x is unmapped'])).toBeNull();
  });
});
