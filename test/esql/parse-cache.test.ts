import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../src/esql/parse-cache.js';
import { parse } from '../../src/esql/parser.js';

describe('ParseCache', () => {
  it('answers a text seen before with the same tree, equal to a fresh parse', () => {
    const cache = new ParseCache();
    const first = cache.parse('ROW a = 1 | EVAL b = a + 1');
    expect(cache.parse('ROW a = 1 | EVAL b = a + 1')).toBe(first);
    expect(first).toEqual(parse('ROW a = 1 | EVAL b = a + 1'));
    expect(cache.parse('ROW a = 2')).not.toBe(first);
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used text beyond its capacity', () => {
    const cache = new ParseCache(2);
    const a = cache.parse('ROW a = 1');
    const b = cache.parse('ROW b = 1');
    expect(cache.parse('ROW a = 1')).toBe(a); // a is now the most recently used
    cache.parse('ROW c = 1'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.parse('ROW a = 1')).toBe(a);
    expect(cache.parse('ROW b = 1')).not.toBe(b);
  });

  it('keeps no query with params, no long text and no parse error', () => {
    const cache = new ParseCache(8, 20);
    const withParams = cache.parse('ROW a = ?', [1]);
    expect(cache.parse('ROW a = ?', [2])).not.toEqual(withParams);
    const long = 'ROW a = 1 | EVAL b = a + 1';
    expect(cache.parse(long)).not.toBe(cache.parse(long));
    expect(() => cache.parse('ROW a = ')).toThrow(expect.objectContaining({ type: 'parsing_exception' }));
    expect(() => cache.parse('ROW a = ')).toThrow(expect.objectContaining({ type: 'parsing_exception' }));
    expect(cache.size).toBe(0);
  });
});
