import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/esql/lru-map.js';

describe('LruMap', () => {
  it('keeps at most `capacity` keys, evicting the least recently used (a read counts as a use)', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(1);
    expect(m.get('c')).toBe(3);
    expect(m.size).toBe(2);
  });

  it('setting a key again replaces its value and makes it the most recently used', () => {
    const m = new LruMap<string, number | null>(2);
    m.set('a', 1);
    m.set('b', null);
    m.set('a', 10);
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(10);
  });

  it('keeps null values, and forgets on delete and clear', () => {
    const m = new LruMap<string, number | null>(4);
    m.set('n', null);
    expect(m.get('n')).toBeNull();
    m.set('x', 1);
    m.delete('x');
    expect(m.get('x')).toBeUndefined();
    m.clear();
    expect(m.size).toBe(0);
  });
});
