import { describe, expect, it } from 'vitest';
import { stripUndefined } from '../src/strip-undefined.js';

describe('stripUndefined', () => {
  it('drops undefined values only, so a spread keeps the defaults they would erase', () => {
    const options = { a: undefined, b: 0, c: null, d: '', e: false };
    expect(stripUndefined(options)).toEqual({ b: 0, c: null, d: '', e: false });
    expect('a' in stripUndefined(options)).toBe(false);
    expect({ ...{ a: 1, b: 2 }, ...stripUndefined({ a: undefined, b: 3 }) }).toEqual({ a: 1, b: 3 });
  });
});
