import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/storage/catalog.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

const index = (name: string): StoredIndex => ({ name, columns: [], rowCount: 0, segments: [] });

describe('Catalog', () => {
  it('moves its generation on every put and on every delete that removes an index, never on reads', () => {
    const catalog = new Catalog();
    const g0 = catalog.generation;
    catalog.put(index('a'));
    const g1 = catalog.generation;
    expect(g1).not.toBe(g0);
    catalog.put(index('a')); // a new snapshot of the same index
    const g2 = catalog.generation;
    expect(g2).not.toBe(g1);
    catalog.get('a');
    catalog.resolve('*');
    catalog.list();
    expect(catalog.generation).toBe(g2);
    expect(catalog.delete('missing')).toBe(false);
    expect(catalog.generation).toBe(g2);
    expect(catalog.delete('a')).toBe(true);
    expect(catalog.generation).not.toBe(g2);
  });
});
