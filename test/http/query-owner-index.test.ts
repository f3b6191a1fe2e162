import { describe, expect, it } from 'vitest';
import { QueryOwnerIndex } from '../../src/http/query-owner-index.js';

describe('QueryOwnerIndex', () => {
  it('remembers owners until expiry, honours extensions, and forgets on delete', () => {
    let now = 0;
    const index = new QueryOwnerIndex(() => now);
    index.record('a', 'alice', 100);
    index.record('b', 'bob', 100);
    index.extend('b', 500);
    index.extend('b', 50);
    now = 100;
    expect(index.ownerOf('a')).toBeUndefined();
    expect(index.ownerOf('b')).toBe('bob');
    index.forget('b');
    expect(index.ownerOf('b')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest first', () => {
    const index = new QueryOwnerIndex(() => 0, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) index.record(id, 'u', 10);
    expect(index.size).toBe(3);
    expect([index.ownerOf('a'), index.ownerOf('b'), index.ownerOf('e')]).toEqual([undefined, undefined, 'u']);
  });
});
