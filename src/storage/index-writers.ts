import { randomBytes } from 'node:crypto';
import type { Catalog } from './catalog.js';
import type { MappedField } from './index-mapping.js';
import { IndexWriter } from './index-writer.js';
import type { StoredIndex } from './stored-index.js';

/**
 * The write side of a Catalog: one IndexWriter per index written through the HTTP API, and the
 * uuid `_cat/indices` reports. A writer whose catalog entry was replaced or removed by someone
 * else is dropped and restarted from the catalog's current index.
 */
export class IndexWriters {
  private readonly writers = new Map<string, { writer: IndexWriter; published: StoredIndex | undefined }>();
  private readonly uuids = new Map<string, string>();

  constructor(readonly catalog: Catalog) {}

  /** Creates an empty index with these fields; false when it already exists. */
  create(name: string, fields: readonly MappedField[]): boolean {
    if (this.catalog.get(name) !== undefined) return false;
    const writer = new IndexWriter(name, fields);
    this.writers.set(name, { writer, published: undefined });
    this.publish(name);
    return true;
  }

  /** The writer of an index, created (dynamic mapping only) when the index does not exist yet. */
  writer(name: string): IndexWriter {
    const current = this.catalog.get(name);
    const entry = this.writers.get(name);
    if (entry !== undefined && entry.published === current) return entry.writer;
    const writer = current === undefined ? new IndexWriter(name) : IndexWriter.continuing(current);
    this.writers.set(name, { writer, published: current });
    return writer;
  }

  /** Makes what was written visible to queries: the catalog entry is replaced by a new snapshot. */
  publish(name: string): void {
    const entry = this.writers.get(name);
    if (entry === undefined) return;
    const index = entry.writer.snapshot();
    this.catalog.put(index);
    entry.published = index;
  }

  delete(name: string): boolean {
    this.writers.delete(name);
    this.uuids.delete(name);
    return this.catalog.delete(name);
  }

  /** Restore: an index read back from `--data-dir` keeps the uuid it was created with. */
  adoptUuid(name: string, uuid: string): void {
    this.uuids.set(name, uuid);
  }

  uuid(name: string): string {
    let id = this.uuids.get(name);
    if (id === undefined) {
      id = randomBytes(16).toString('base64url').slice(0, 22);
      this.uuids.set(name, id);
    }
    return id;
  }
}
