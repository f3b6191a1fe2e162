import { describe, expect, it } from 'vitest';
import { parseQueryBody } from '../../src/http/query-body.js';
import { esErrorOf } from './reason-of.js';

const params = (json: string) => parseQueryBody(`{"query":"x","params":${json}}`, 'esql/query').params;
const failure = (json: string) => esErrorOf(() => params(json));

describe('params', () => {
  it('parses positional params, keeping big integers exact', () => {
    expect(params('[1, 2.5, "a", true, null, 9223372036854775807]')).toEqual([
      1,
      2.5,
      'a',
      true,
      null,
      9223372036854775807n,
    ]);
  });

  it('parses named params, plain or in the {"value": ...} form', () => {
    expect(params('[{"n": 1}, {"s": {"value": "x"}}, {"_b": {"VALUE": false}}]')).toEqual({ n: 1, s: 'x', _b: false });
  });

  it('rejects mixing named and positional params', () => {
    const err = failure('[{"n": 1}, 2]');
    expect(err.type).toBe('x_content_parse_exception');
    expect(err.reason).toBe('Failed to parse params: Params cannot contain both named and unnamed parameters; got [n=1] and [2]');
  });

  it('reports every problem with its location', () => {
    const err = failure('[{"1n": 1}, {"a": 1, "b": 2}]');
    expect(err.reason).toMatch(/^Failed to parse params: \[1:24\] \[1n\] is not a valid parameter name/);
    expect(err.reason).toContain('[1:35] Cannot parse more than one key:value pair as parameter, found [{a:1}, {b:2}]');
  });

  it('rejects unsupported param kinds and shapes', () => {
    expect(failure('[{"f": {"identifier": "a"}}]').reason).toMatch(/identifier params are not supported/);
    expect(failure('[{"f": {"nope": 1}}]').reason).toMatch(/\[nope\] is not a valid param attribute/);
    expect(failure('[{"f": {"value": 1, "pattern": "a*"}}]').reason).toMatch(/has multiple param attributes \[value, pattern\]/);
    expect(failure('[[1]]').reason).toMatch(/START_ARRAY is not supported as a parameter/);
    expect(failure('"x"').reason).toMatch(/params must be an array/);
  });
});
