import { describe, expect, it } from 'vitest';
import { EsError } from '../../../src/errors.js';
import { parseEsJson } from '../../../src/http/json/es-json-parser.js';

function parseError(text: string): EsError {
  try {
    parseEsJson(text);
  } catch (err) {
    if (err instanceof EsError) return err;
    throw err;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseEsJson', () => {
  it('parses the JSON value space like JSON.parse', () => {
    const text = '{"a":[1,-2.5,1e3,true,false,null,"x\\n\\u00e9\\"/"],"b":{"c":{}},"d":[]}';
    expect(parseEsJson(text).value).toEqual(JSON.parse(text));
  });

  it('keeps integers beyond 2^53 exact as bigint, smaller ones as numbers', () => {
    const { value } = parseEsJson('[9007199254740993, -9223372036854775808, 9007199254740991, 1.5, 18446744073709551615]');
    expect(value).toEqual([9007199254740993n, -9223372036854775808n, 9007199254740991, 1.5, 18446744073709551615n]);
  });

  it('records 1-based key and value locations across lines', () => {
    const json = parseEsJson('{\n  "query": "FROM x",\n    "foo" : 1}');
    const root = json.value as object;
    const members = json.members.get(root);
    expect(members?.keys.get('query')).toEqual({ line: 2, column: 3 });
    expect(members?.values.get('query')).toEqual({ line: 2, column: 12 });
    expect(members?.keys.get('foo')).toEqual({ line: 3, column: 5 });
    expect(json.starts.get(root)).toEqual({ line: 1, column: 1 });
  });

  it('rejects malformed JSON with an x_content_parse_exception naming the location', () => {
    const err = parseError('{"query": FROM}');
    expect(err.type).toBe('x_content_parse_exception');
    expect(err.status).toBe(400);
    expect(err.reason).toMatch(/^\[1:11\] Unexpected character \('F' \(code 70\)\)/);
    expect(parseError('{"a":1').reason).toMatch(/^\[1:7\] Unexpected end-of-input/);
    expect(parseError('{"a":1} x').reason).toMatch(/^\[1:9\] Unexpected character/);
    expect(parseError('').reason).toMatch(/no content/);
    expect(parseError('{"a":01}').reason).toMatch(/Invalid numeric value/);
    expect(parseError('{"a":"\u0001"}').reason).toMatch(/Illegal unquoted character/);
  });

  it('rejects duplicate keys, as ES enables strict duplicate detection', () => {
    expect(parseError('{"query":"a", "query":"b"}').reason).toBe("[1:15] Duplicate field 'query'");
  });

  it('treats __proto__ as an ordinary key', () => {
    const { value } = parseEsJson('{"__proto__": {"polluted": true}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
