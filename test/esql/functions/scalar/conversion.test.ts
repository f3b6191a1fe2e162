import { describe, expect, it } from 'vitest';
import { bool, dbl, dt, evaluate, failedHeader, int, kw, lng, nul, resolve, ul, value } from './harness.js';

const warn = (cls: string, msg: string) => `Line 1:10: ${cls}: ${msg}`;
const NFE = 'java.lang.NumberFormatException';
const IAE = 'org.elasticsearch.xpack.esql.core.InvalidArgumentException';

describe('conversion functions', () => {
  it('keep multi-values and drop values that fail, with one warning each', () => {
    const r = evaluate('to_int', [{ type: 'keyword', cells: [['1', '2', 'three'], ['1', 'two'], ['one', 'two'], null] }]);
    expect(r.type).toBe('integer');
    expect(r.cells).toEqual([[1, 2], 1, null, null]);
    expect(r.warnings).toEqual([
      failedHeader(),
      warn(NFE, 'For input string: "three"'),
      warn(NFE, 'For input string: "two"'),
      warn(NFE, 'For input string: "one"'),
      warn(NFE, 'For input string: "two"'),
    ]);
  });

  it('to_integer: strings, doubles, longs and their range errors', () => {
    expect(value('to_integer', kw('2147483647.2'))).toBe(2147483647);
    const r = evaluate('to_integer', [{ type: 'keyword', cells: ['2147483648', 'foo'] }]);
    expect(r.cells).toEqual([null, null]);
    expect(r.warnings.slice(1)).toEqual([warn(NFE, 'For input string: "2147483648"'), warn(NFE, 'For input string: "foo"')]);
    expect(evaluate('to_integer', [lng(501379200000)]).warnings[1]).toBe(warn(IAE, '[501379200000] out of [integer] range'));
    expect(evaluate('to_integer', [dbl(1e19)]).warnings[1]).toBe(warn(IAE, '[1.0E19] out of [long] range'));
    expect(evaluate('to_int', [ul(9223372036854775808n)]).warnings[1]).toBe(warn(IAE, '[9223372036854775808] out of [long] range'));
    expect(value('to_integer', dbl(123.4))).toBe(123);
    expect(evaluate('to_integer', [{ type: 'boolean', cells: [[true, false]] }]).cells).toEqual([[1, 0]]);
  });

  it('to_long and to_double', () => {
    expect(value('to_long', kw('2147483648.2'))).toBe(2147483648);
    expect(value('to_long', dt('1986-06-26T00:00:00Z'))).toBe(520128000000);
    expect(evaluate('to_long', [dbl(1e19)]).warnings[1]).toBe(warn(IAE, '[1.0E19] out of [long] range'));
    expect(value('to_double', kw('5.20128E11'))).toBe(520128000000);
    expect(value('to_double', ul(9223372036854775808n))).toBe(9223372036854775808);
    expect(evaluate('to_double', [kw('foo')]).warnings[1]).toBe(warn(NFE, 'For input string: "foo"'));
    expect(evaluate('to_double', [{ type: 'boolean', cells: [[false, true]] }]).cells).toEqual([[0, 1]]);
  });

  it('to_unsigned_long', () => {
    expect(value('to_ul', kw('2147483648.2'))).toBe(2147483648n);
    expect(value('to_ulong', dbl(123.4))).toBe(123n);
    expect(evaluate('to_ul', [dbl(1e20)]).warnings[1]).toBe(warn(IAE, '[1.0E20] out of [unsigned_long] range'));
    expect(evaluate('to_ul', [kw('foo')]).warnings[1]).toBe(
      warn(NFE, 'Character f is neither a decimal digit number, decimal point, nor "e" notation exponential mark.'),
    );
    expect(evaluate('to_unsigned_long', [int(-1)]).cells).toEqual([null]);
  });

  it('to_boolean', () => {
    const r = evaluate('to_boolean', [{ type: 'keyword', cells: [['true', 'TRuE', 'false', '', 'yes', '1']] }]);
    expect(r.cells).toEqual([[true, true, false, false, false, false]]);
    expect(value('to_bool', dbl(-0.39))).toBe(true);
    expect(value('to_bool', ul(0n))).toBe(false);
  });

  it('to_string prints like ES', () => {
    expect(value('to_string', dbl(520128000000))).toBe('5.20128E11');
    expect(value('to_string', dbl(1))).toBe('1.0');
    expect(value('to_string', dbl(0.001))).toBe('0.001');
    expect(value('to_string', dbl(0.0001))).toBe('1.0E-4');
    expect(value('to_string', bool(true))).toBe('true');
    expect(value('to_str', dt('1953-09-02T00:00:00Z'))).toBe('1953-09-02T00:00:00.000Z');
    expect(value('to_string', ul(18446744073709551615n))).toBe('18446744073709551615');
    expect(evaluate('to_string', [{ type: 'text', cells: ['a'] }]).type).toBe('keyword');
  });

  it('to_datetime parses strict_date_optional_time', () => {
    const r = evaluate('to_datetime', [
      { type: 'keyword', cells: [['1953-09-02T00:00:00.000Z', '1964-06-02T00:00:00.000Z', '1964-06-02 00:00:00']] },
    ]);
    expect(r.cells).toEqual([[Date.parse('1953-09-02T00:00:00Z'), Date.parse('1964-06-02T00:00:00Z')]]);
    expect(r.warnings[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: failed to parse date field [1964-06-02 00:00:00] with format [strict_date_optional_time]',
    );
    expect(value('to_dt', kw('2024-01-01'))).toBe(Date.UTC(2024, 0, 1));
    expect(value('to_dt', kw('2024-01-01T10:00:00+01:00'))).toBe(Date.UTC(2024, 0, 1, 9));
    expect(value('to_dt', dbl(501379200000.1))).toBe(501379200000);
    expect(resolve('to_dt', [{ type: 'null' }])).toEqual({ type: 'datetime' });
    expect(evaluate('to_dt', [nul()]).cells).toEqual([null]);
  });

  it('to_ip, to_version, to_degrees, to_radians', () => {
    expect(value('to_ip', kw('1.1.1.1'))).toBe('1.1.1.1');
    expect(value('to_ip', kw('FE80:0:0:0:CAE2:65FF:FECE:FEB9'))).toBe('fe80::cae2:65ff:fece:feb9');
    expect(evaluate('to_ip', [kw('foo')]).warnings[1]).toBe(
      "Line 1:10: java.lang.IllegalArgumentException: 'foo' is not an IP string literal.",
    );
    expect(evaluate('to_ver', [kw('1.2.3')]).type).toBe('version');
    expect(evaluate('to_degrees', [{ type: 'double', cells: [[1.57, 3.14]] }]).cells).toEqual([
      [89.95437383553924, 179.9087476710785],
    ]);
    expect(value('to_radians', dbl(180))).toBe(Math.PI);
  });

  it('rejects unsupported types with the supported list', () => {
    expect(resolve('to_ip', [{ type: 'integer', text: 'x' }])).toEqual({
      error: 'argument of [to_ip(x)] must be [ip or string], found value [x] type [integer]',
    });
  });
});
