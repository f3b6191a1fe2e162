import type { StoredIndex } from './stored-index.js';

/** The indices this node can query, by name. Loaders and the bulk API write; the analyzer reads. */
export class Catalog {
  private readonly indices = new Map<string, StoredIndex>();
  private changes = 0;

  /**
   * Bumped by every put and delete (an index writer publishes its appends through put): whatever was
   * derived from the catalog (an analyzed query) is still valid while this has not moved.
   */
  get generation(): number {
    return this.changes;
  }

  put(index: StoredIndex): void {
    this.indices.set(index.name, index);
    this.changes++;
  }

  get(name: string): StoredIndex | undefined {
    return this.indices.get(name);
  }

  delete(name: string): boolean {
    const deleted = this.indices.delete(name);
    if (deleted) this.changes++;
    return deleted;
  }

  /** Every index, sorted by name. */
  list(): StoredIndex[] {
    return [...this.indices.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Indices matching an ES index pattern (`*` wildcards), sorted by name. */
  resolve(pattern: string): StoredIndex[] {
    if (!pattern.includes('*')) {
      const idx = this.indices.get(pattern);
      return idx ? [idx] : [];
    }
    const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
    return this.list().filter((i) => re.test(i.name));
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
