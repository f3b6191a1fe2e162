import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from '../../src/redis/redis-json.js';

describe('redis-json', () => {
  it('round-trips bigints beyond 2^53, nested in arrays and objects', () => {
    const value = { n: 18446744073709551615n, rows: [[-9223372036854775808n, 'x', null, [1n, 2]]], f: 1.5 };
    expect(decodeJson(encodeJson(value))).toEqual(value);
  });

  it('leaves objects that only look like a tagged bigint alone', () => {
    const value = { a: { $bigint: '1', other: true }, b: { $bigint: 7 } };
    expect(decodeJson(encodeJson(value))).toEqual(value);
  });

  it('keeps absent keys absent and nulls null', () => {
    const decoded = decodeJson<Record<string, unknown>>(encodeJson({ a: undefined, b: null }));
    expect('a' in decoded).toBe(false);
    expect(decoded.b).toBeNull();
  });
});
