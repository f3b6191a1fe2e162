import { describe, expect, it } from 'vitest';
import { GrokPattern } from '../../../src/esql/expressions/grok-pattern.js';

function extract(patterns: string[], input: string) {
  const g = new GrokPattern(patterns);
  const out = g.fields.map(() => [] as (string | number | boolean)[]);
  const matched = g.extract(input, out);
  return { fields: g.fields.map((f) => `${f.name}:${f.type}`), matched, out };
}

describe('GrokPattern', () => {
  it('expands library patterns and converts typed captures', () => {
    const r = extract(['%{TIMESTAMP_ISO8601:date} %{IP:ip} %{EMAILADDRESS:email} %{NUMBER:num:int}'], '1953-01-23T12:15:00Z 127.0.0.1 some.email@foo.com 42');
    expect(r.fields).toEqual(['date:keyword', 'ip:keyword', 'email:keyword', 'num:integer']);
    expect(r.out).toEqual([['1953-01-23T12:15:00Z'], ['127.0.0.1'], ['some.email@foo.com'], [42]]);
  });

  it('matches anywhere in the input and supports float, double and boolean', () => {
    const r = extract(['%{NUMBER:b:int} %{NUMBER:c:float} %{WORD:e:boolean}'], 'x 12 15.5 true');
    expect(r.out).toEqual([[12], [15.5], [true]]);
  });

  it('a name captured several times is a multi-value', () => {
    expect(extract(['%{WORD:p} %{WORD:p}'], 'CA 94108').out).toEqual([['CA', '94108']]);
  });

  it('supports Oniguruma named groups and tries several patterns in order', () => {
    expect(extract(['(?<b>[0-9a-z]{4,11}) (?<c>[0-9a-z]{1,11})'], 'asdf bar').out).toEqual([['asdf'], ['bar']]);
    const r = extract(['ABC %{WORD:foo}', 'XYZ %{WORD:bar}'], 'XYZ extractme');
    expect(r.fields).toEqual(['foo:keyword', 'bar:keyword']);
    expect(r.out).toEqual([[], ['extractme']]);
  });

  it('reports no match and unknown patterns', () => {
    expect(extract(['%{NUMBER:n}'], 'no digits').matched).toBe(false);
    expect(() => new GrokPattern(['%{NOPE:x}'])).toThrow('Unable to find pattern [NOPE]');
  });
});
