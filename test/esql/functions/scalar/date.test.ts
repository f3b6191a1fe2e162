import { describe, expect, it } from 'vitest';
import { dt, evaluate, failedHeader, int, kw, nul, resolve, value } from './harness.js';

const D = (iso: string) => Date.parse(iso);
const span = (text: string, type: 'date_period' | 'time_duration' = 'date_period') => ({ type, constant: text, text });

describe('date functions', () => {
  it('now() is the query start time', () => {
    const r = evaluate('now', [], 2, 1234);
    expect(r).toMatchObject({ type: 'datetime', cells: [1234, 1234] });
  });

  it('date_trunc with calendar and fixed intervals', () => {
    const trunc = (s: string, type: 'date_period' | 'time_duration', iso: string) =>
      new Date(value('date_trunc', span(s, type), dt(iso)) as number).toISOString();
    expect(trunc('1 month', 'date_period', '1985-02-18T00:00:00Z')).toBe('1985-02-01T00:00:00.000Z');
    expect(trunc('240 hours', 'time_duration', '1985-02-18T00:00:00Z')).toBe('1985-02-11T00:00:00.000Z');
    expect(trunc('240 hours', 'time_duration', '1985-07-09T00:00:00Z')).toBe('1985-07-01T00:00:00.000Z');
    expect(trunc('1 week', 'date_period', '1985-02-24T00:00:00Z')).toBe('1985-02-18T00:00:00.000Z');
    expect(trunc('3 month', 'date_period', '1985-09-17T00:00:00Z')).toBe('1985-07-01T00:00:00.000Z');
    expect(trunc('1 year', 'date_period', '1991-06-26T00:00:00Z')).toBe('1991-01-01T00:00:00.000Z');
    expect(trunc('1 hour', 'time_duration', '2023-10-23T13:55:01.543Z')).toBe('2023-10-23T13:00:00.000Z');
    expect(evaluate('date_trunc', [span('1 day'), dt(null)]).cells).toEqual([null]);
    expect(resolve('date_trunc', [{ type: 'keyword', text: 'x' }, { type: 'datetime', text: 'd' }])).toEqual({
      error: 'first argument of [date_trunc(x, d)] must be [dateperiod or timeduration], found value [x] type [keyword]',
    });
  });

  it('date_format with default and Java patterns', () => {
    expect(value('date_format', dt('1985-02-18T00:00:00Z'))).toBe('1985-02-18T00:00:00.000Z');
    expect(value('date_format', kw('yyyy-MM-dd'), dt('1985-02-18T00:00:00Z'))).toBe('1985-02-18');
    expect(value('date_format', kw("yyyy-MM-dd'T'HH:mm:ss.SSS"), dt('2023-10-23T13:55:01.543Z'))).toBe('2023-10-23T13:55:01.543');
    expect(value('date_format', kw('MMMM dd, yy EEE'), dt('1958-05-21T00:00:00Z'))).toBe('May 21, 58 Wed');
    expect(value('date_format', kw('hh:mm a'), dt('2023-10-23T13:05:00Z'))).toBe('01:05 PM');
    const textual = evaluate('date_format', [{ type: 'keyword', constant: 'MMMM' }, dt('1958-05-21T00:00:00Z')]);
    expect(textual.cells).toEqual(['May']);
    expect(textual.warnings[0]).toMatch(/^Date format \[MMMM\] contains textual field specifiers that could change in JDK 23/);
    expect(value('date_format', { type: 'keyword', constant: 'yyyy-MM-dd', cells: ['yyyy-MM-dd'] }, { type: 'keyword', constant: '1989-06-02T00:00:00.000Z', cells: ['1989-06-02T00:00:00.000Z'] })).toBe('1989-06-02');
    expect('error' in resolve('date_format', [{ type: 'keyword' }, { type: 'keyword' }])).toBe(true);
  });

  it('date_parse with patterns and failures', () => {
    expect(value('date_parse', kw('yyyy-MM-dd'), kw('2023-02-01'))).toBe(D('2023-02-01T00:00:00Z'));
    expect(value('date_parse', kw('yyyy-MM-dd HH:mm:ss'), kw('2023-02-01 12:15:55'))).toBe(D('2023-02-01T12:15:55Z'));
    expect(value('date_parse', kw('2023-02-01T12:15:55.000Z'))).toBe(D('2023-02-01T12:15:55Z'));
    const bad = evaluate('date_parse', [kw('yyyy-MM-dd'), kw('2023-02-01 foo')]);
    expect(bad.cells).toEqual([null]);
    expect(bad.warnings).toEqual([
      failedHeader(),
      'Line 1:10: java.lang.IllegalArgumentException: failed to parse date field [2023-02-01 foo] with format [yyyy-MM-dd]',
    ]);
    expect(evaluate('date_parse', [kw('yyyy-MM'), kw('2023-02-01')]).cells).toEqual([null]);
    expect(evaluate('date_parse', [nul(), kw('2023-02-01')])).toMatchObject({ type: 'datetime', cells: [null] });
  });

  it('date_extract ChronoFields', () => {
    expect(value('date_extract', kw('year'), dt('1958-05-21T00:00:00Z'))).toBe(1958);
    expect(value('date_extract', kw('month_of_year'), dt('1958-05-21T00:00:00Z'))).toBe(5);
    expect(value('date_extract', kw('DAY_OF_MONTH'), dt('1958-05-21T00:00:00Z'))).toBe(21);
    expect(value('date_extract', kw('hour_of_day'), dt('2023-10-23T13:55:01Z'))).toBe(13);
    expect(value('date_extract', kw('day_of_week'), dt('2024-01-15T00:00:00Z'))).toBe(1);
    expect(evaluate('date_extract', [kw('year'), dt(null)]).type).toBe('long');
    const str = evaluate('date_extract', [kw('year'), { type: 'keyword', constant: '2022-05-06', cells: ['2022-05-06'] }]);
    expect(str.cells).toEqual([2022]);
    expect(evaluate('date_extract', [kw('foo'), dt('2022-05-06T00:00:00Z')]).warnings[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: No enum constant java.time.temporal.ChronoField.FOO',
    );
  });

  it('date_diff over every unit family', () => {
    const diff = (unit: string, a: string, b: string) => value('date_diff', kw(unit), dt(a), dt(b));
    expect(diff('nanoseconds', '2023-12-02T11:00:00.000Z', '2023-12-02T11:00:00.001Z')).toBe(1000000);
    expect(diff('mcs', '2023-12-02T11:00:00.000Z', '2023-12-02T11:00:00.001Z')).toBe(1000);
    expect(diff('hh', '2023-12-02T11:00:00.000Z', '2023-12-02T12:00:00.000Z')).toBe(1);
    expect(diff('n', '2023-12-02T11:00:00.000Z', '2023-12-02T12:00:00.000Z')).toBe(60);
    expect(diff('dw', '2023-12-02T11:00:00.000Z', '2023-12-24T11:00:00.000Z')).toBe(22);
    expect(diff('weeks', '2023-12-02T11:00:00.000Z', '2023-12-24T11:00:00.000Z')).toBe(3);
    expect(diff('months', '2023-12-02T11:00:00.000Z', '2024-12-24T11:00:00.000Z')).toBe(12);
    expect(diff('q', '2023-12-02T11:00:00.000Z', '2024-12-24T11:00:00.000Z')).toBe(4);
    expect(diff('yyyy', '2023-12-02T11:00:00.000Z', '2024-12-24T11:00:00.000Z')).toBe(1);
    expect(diff('month', '2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00Z')).toBe(0);
    expect(diff('month', '2023-12-31T23:59:59.999Z', '2024-02-01T00:00:00Z')).toBe(1);
    expect(diff('year', '2023-12-31T23:59:59.999Z', '2025-01-01T00:00:00Z')).toBe(1);
    const big = evaluate('date_diff', [kw('nanoseconds'), dt('2023-12-02T11:00:00.000Z'), dt('2023-12-23T11:00:00.000Z')]);
    expect(big.cells).toEqual([null]);
    expect(big.warnings[1]).toBe(
      'Line 1:10: org.elasticsearch.xpack.esql.core.InvalidArgumentException: [1814400000000000] out of [integer] range',
    );
  });

  it('bucket: numeric spans picked from a bucket count, date spans, auto_bucket', () => {
    const heights = { type: 'double' as const, cells: [1.85, 1.83, 1.45, 2.08] };
    const args = [heights, { type: 'integer' as const, constant: 20 }, { type: 'double' as const, constant: 1.41 }, { type: 'double' as const, constant: 2.1 }];
    expect(evaluate('auto_bucket', args).cells).toEqual([1.85, 1.8, 1.4000000000000001, 2.0500000000000003]);
    const salaries = { type: 'integer' as const, cells: [66174, 26436] };
    expect(
      evaluate('bucket', [salaries, { type: 'integer', constant: 20 }, { type: 'integer', constant: 25324 }, { type: 'integer', constant: 74999 }]).cells,
    ).toEqual([65000, 25000]);
    const months = evaluate('bucket', [
      { type: 'datetime', cells: [D('1985-07-09T00:00:00Z')] },
      { type: 'integer', constant: 20 },
      { type: 'keyword', constant: '1985-01-01T00:00:00Z' },
      { type: 'keyword', constant: '1986-01-01T00:00:00Z' },
    ]);
    expect(months.cells).toEqual([D('1985-07-01T00:00:00Z')]);
    expect(evaluate('bucket', [dt('1985-07-09T10:00:00Z'), span('1 day')]).cells).toEqual([D('1985-07-09T00:00:00Z')]);
    expect(evaluate('bucket', [int(27), { type: 'integer', constant: 5 }]).cells).toEqual([25]);
  });
});

describe('day_name and month_name', () => {
  it('name the day and month in English', () => {
    expect(value('day_name', dt('2024-01-15T00:00:00Z'))).toBe('Monday');
    expect(value('month_name', dt('1958-05-21T00:00:00Z'))).toBe('May');
  });
});

describe('date_trunc argument order', () => {
  it('also accepts the early (date, interval) order', () => {
    const r = evaluate('date_trunc', [dt('1991-06-26T10:00:00Z'), { type: 'date_period', constant: '1 year', text: '1 year' }]);
    expect(r).toMatchObject({ type: 'datetime', cells: [Date.parse('1991-01-01T00:00:00Z')] });
  });
});
