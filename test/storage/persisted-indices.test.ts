import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeBulk } from '../../src/storage/bulk-request.js';
import { Catalog } from '../../src/storage/catalog.js';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { DataDirError } from '../../src/storage/data-dir.js';
import { IndexWriters } from '../../src/storage/index-writers.js';
import { PersistedIndices } from '../../src/storage/persisted-indices.js';
import { column } from './block-values.js';

let root: string;
let open: PersistedIndices[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qactor-persisted-'));
  open = [];
});
afterEach(async () => {
  for (const p of open) await p.close();
  rmSync(root, { recursive: true, force: true });
});

/** A node's ingest side over the data dir: what the routes do, without HTTP. */
function node(catalog = new Catalog()) {
  const logs: string[] = [];
  const log = { info: (l: string) => logs.push(l), warn: (l: string) => logs.push(`warning: ${l}`) };
  const persisted = PersistedIndices.restore(root, new IndexWriters(catalog), log);
  open.push(persisted);
  const bulk = async (body: string, index?: string) => {
    const journal = persisted.bulk();
    const res = executeBulk(body, index, persisted.writers, () => 0, journal.onIndexed);
    await journal.commit();
    return res;
  };
  const put = async (name: string, fields: { name: string; fieldType: string; source: string }[]) => {
    expect(persisted.writers.create(name, fields)).toBe(true);
    await persisted.created(name, fields);
  };
  const drop = async (name: string) => {
    persisted.writers.delete(name);
    await persisted.deleted(name);
  };
  return { catalog, persisted, logs, bulk, put, drop };
}

const bulkBody = (docs: object[], ids = false) =>
  docs.map((d, i) => `${JSON.stringify({ index: ids ? { _id: `d${i}` } : {} })}\n${JSON.stringify(d)}\n`).join('');

describe('PersistedIndices', () => {
  it('restores mapped and dynamic indices: mapping, documents in order, dynamic fields', async () => {
    const a = node();
    await a.put('people', [
      { name: 'name', fieldType: 'text', source: 'name' },
      { name: 'name.raw', fieldType: 'keyword', source: 'name' },
      { name: 'age', fieldType: 'short', source: 'age' },
      { name: 'h', fieldType: 'half_float', source: 'h' },
    ]);
    const res = await a.bulk(bulkBody([{ name: 'ann', age: 3 }, { name: 'bob', age: 'x' }, { name: 'cy', age: 5, tags: ['b', 'a'] }]), 'people');
    expect(res.items.map((i) => i.index.status)).toEqual([201, 400, 201]);
    await a.bulk(bulkBody([{ t: '2026-01-01T00:00:00Z', v: 1.5 }], true), 'metrics');
    const before = ['people', 'metrics'].map((n) => a.catalog.get(n)!);
    await a.persisted.close();

    const b = node();
    expect(b.logs).toEqual([expect.stringContaining('restored index [metrics] (1 documents)'), expect.stringContaining('restored index [people] (2 documents)')]);
    for (const old of before) {
      const now = b.catalog.get(old.name)!;
      expect(now.columns).toEqual(old.columns);
      for (const c of old.columns) expect(column(now, c.name)).toEqual(column(old, c.name));
    }
    // The mapping came back, not types read off the columns: a half_float still rounds, the multi-field still reads `name`.
    const more = await b.bulk(bulkBody([{ name: 'dee', age: 'x' }, { name: 'eve', age: 7, h: 1.1 }]), 'people');
    expect(more.items.map((i) => i.index.status)).toEqual([400, 201]);
    expect(column(b.catalog.get('people')!, 'name.raw')).toEqual(['ann', 'cy', 'eve']);
    expect(column(b.catalog.get('people')!, 'h')).toEqual([null, null, 1.099609375]);
    // Explicit ids came back too: `create` with one already used conflicts after the restart.
    const dup = await b.bulk('{"create":{"_id":"d0"}}\n{"v":2}\n', 'metrics');
    expect(dup.items[0].create.status).toBe(409);
  });

  it('keeps concurrent bulk requests in the order the writer accepted them, across a delete', async () => {
    const a = node();
    const send = (n: number) => {
      const journal = a.persisted.bulk();
      executeBulk(bulkBody([{ n }, { n: -n }]), 'busy', a.persisted.writers, () => 0, journal.onIndexed);
      return journal.commit();
    };
    // None awaited before the next starts: they queue (and share appends) behind the first.
    const first = Array.from({ length: 40 }, (_, i) => send(i));
    a.persisted.writers.delete('busy');
    const dropped = a.persisted.deleted('busy');
    const second = Array.from({ length: 40 }, (_, i) => send(100 + i));
    await Promise.all([...first, dropped, ...second]);
    const inMemory = column(a.catalog.get('busy')!, 'n');
    expect(inMemory).toEqual(Array.from({ length: 40 }, (_, i) => [100 + i, -100 - i]).flat());
    await a.persisted.close();
    expect(column(node().catalog.get('busy')!, 'n')).toEqual(inMemory);
  });

  it('forgets a deleted index, and a re-created one starts empty', async () => {
    const a = node();
    await a.bulk(bulkBody([{ n: 1 }, { n: 2 }]), 'gone');
    await a.drop('gone');
    expect(existsSync(join(root, 'gone'))).toBe(false);
    await a.bulk(bulkBody([{ s: 'new' }]), 'gone');
    await a.persisted.close();
    const b = node();
    expect(b.catalog.get('gone')!.columns.map((c) => c.name)).toEqual(['s']);
    expect(b.catalog.get('gone')!.rowCount).toBe(1);
    await b.drop('gone');
    await b.persisted.close();
    expect(node().catalog.get('gone')).toBeUndefined();
  });

  it('does not persist indices loaded at startup, and refuses a persisted index with a loaded name', async () => {
    const catalog = new Catalog();
    catalog.put(loadCsvIndex('books', 'title:keyword\nA\n'));
    const a = node(catalog);
    await a.bulk(bulkBody([{ title: 'B' }]), 'books');
    expect(a.catalog.get('books')!.rowCount).toBe(2);
    expect(existsSync(join(root, 'books'))).toBe(false);
    await a.bulk(bulkBody([{ x: 1 }]), 'other');
    await a.persisted.close();

    const clash = new Catalog();
    clash.put(loadCsvIndex('other', 'x:long\n1\n'));
    expect(() => node(clash)).toThrow(DataDirError);
  });

  it('journals documents accepted before a malformed action line fails the request', async () => {
    const a = node();
    const journal = a.persisted.bulk();
    const body = `${bulkBody([{ n: 2 }])}not an action\n{}\n`;
    expect(() => executeBulk(body, 'half', a.persisted.writers, () => 0, journal.onIndexed)).toThrow(/Malformed action/);
    // As the route does: the writer kept the first document, so the journal does too.
    await journal.commit();
    expect(readFileSync(join(root, 'half', 'journal.ndjson'), 'utf8')).toBe('{"_source":{"n":2}}\n');
  });

  it('keeps each persisted index’s uuid across restarts; a re-created index gets a new one', async () => {
    const a = node();
    await a.put('mapped', [{ name: 'n', fieldType: 'long', source: 'n' }]);
    await a.bulk(bulkBody([{ n: 1 }]), 'dynamic');
    const uuids = { mapped: a.persisted.writers.uuid('mapped'), dynamic: a.persisted.writers.uuid('dynamic') };
    expect(uuids.mapped).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(uuids.mapped).not.toBe(uuids.dynamic);
    await a.persisted.close();
    const b = node();
    expect({ mapped: b.persisted.writers.uuid('mapped'), dynamic: b.persisted.writers.uuid('dynamic') }).toEqual(uuids);
    await b.drop('dynamic');
    await b.bulk(bulkBody([{ n: 2 }]), 'dynamic');
    const recreated = b.persisted.writers.uuid('dynamic');
    expect(recreated).not.toBe(uuids.dynamic);
    await b.persisted.close();
    expect(node().persisted.writers.uuid('dynamic')).toBe(recreated);
  });

  it('gives an index persisted before uuids were kept one uuid, then keeps it', async () => {
    const a = node();
    await a.bulk(bulkBody([{ n: 1 }]), 'legacy');
    await a.persisted.close();
    const mappingFile = join(root, 'legacy', 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ fields: [] }));
    const b = node();
    const uuid = b.persisted.writers.uuid('legacy');
    expect(JSON.parse(readFileSync(mappingFile, 'utf8'))).toEqual({ fields: [], uuid });
    await b.persisted.close();
    expect(node().persisted.writers.uuid('legacy')).toBe(uuid);
  });

  describe('journal compaction at start', () => {
    const journalOf = (index: string) => join(root, index, 'journal.ndjson');
    const droppedOf = (index: string) => join(root, index, 'dropped.ndjson');
    /** A journal holding dead lines: a document its mapping refuses, a repeated explicit id. */
    async function journalWithDeadLines() {
      const a = node();
      await a.put('mixed', [{ name: 'n', fieldType: 'integer', source: 'n' }]);
      await a.bulk('{"index":{"_id":"a"}}\n{"n":1}\n{"index":{}}\n{"n":2}\n', 'mixed');
      await a.persisted.close();
      const live = readFileSync(journalOf('mixed'), 'utf8');
      // What an older version or a hand edit could have left: neither line is ever appended today.
      const dead = ['{"_source":{"n":"not a number"}}\n', '{"_id":"a","_source":{"n":3}}\n'];
      appendFileSync(journalOf('mixed'), dead[0] + dead[1]);
      return { live, dead };
    }

    it('moves lines that are not live data to dropped.ndjson and rewrites the journal without them', async () => {
      const { live, dead } = await journalWithDeadLines();
      const b = node();
      expect(column(b.catalog.get('mixed')!, 'n')).toEqual([1, 2]);
      expect(b.logs).toContainEqual(
        `warning: index [mixed]: 2 journaled documents were refused on replay; moved to ${droppedOf('mixed')}, journal compacted`,
      );
      expect(readFileSync(journalOf('mixed'), 'utf8')).toBe(live);
      expect(readFileSync(droppedOf('mixed'), 'utf8')).toBe(dead.join(''));
      // The compacted journal keeps taking appends; the next start replays it without a warning.
      await b.bulk('{"index":{"_id":"b"}}\n{"n":4}\n', 'mixed');
      await b.persisted.close();
      const c = node();
      expect(c.logs.filter((l) => l.startsWith('warning'))).toEqual([]);
      expect(column(c.catalog.get('mixed')!, 'n')).toEqual([1, 2, 4]);
      expect((await c.bulk('{"create":{"_id":"a"}}\n{"n":5}\n', 'mixed')).items[0].create.status).toBe(409);
    });

    it('a crash while writing the compacted copy: the half-written copy is discarded, nothing lost', async () => {
      const { live, dead } = await journalWithDeadLines();
      writeFileSync(`${journalOf('mixed')}.compacting`, live.slice(0, 7));
      const b = node();
      expect(b.logs[0]).toMatch(/warning: .*mixed\/journal\.ndjson: removed an unfinished compaction/);
      expect(column(b.catalog.get('mixed')!, 'n')).toEqual([1, 2]);
      expect(existsSync(`${journalOf('mixed')}.compacting`)).toBe(false);
      expect(readFileSync(journalOf('mixed'), 'utf8')).toBe(live);
      expect(readFileSync(droppedOf('mixed'), 'utf8')).toBe(dead.join(''));
    });

    it('a crash after setting dead lines aside, before the rename: the next start redoes it', async () => {
      const { live, dead } = await journalWithDeadLines();
      // Steps 1 and 2 done (copy written, dead lines set aside), the rename never happened.
      writeFileSync(`${journalOf('mixed')}.compacting`, live);
      writeFileSync(droppedOf('mixed'), dead.join(''));
      const b = node();
      expect(column(b.catalog.get('mixed')!, 'n')).toEqual([1, 2]);
      expect(readFileSync(journalOf('mixed'), 'utf8')).toBe(live);
      // Set aside twice (documented): duplicated, never lost.
      expect(readFileSync(droppedOf('mixed'), 'utf8')).toBe(dead.join('') + dead.join(''));
    });
  });

  it('starts over a torn last journal line with a warning, keeping the documents before it', async () => {
    const a = node();
    await a.bulk(bulkBody([{ n: 1 }, { n: 2 }]), 'torn');
    await a.persisted.close();
    appendFileSync(join(root, 'torn', 'journal.ndjson'), '{"_source":{"n":');
    const b = node();
    expect(b.logs[0]).toMatch(/warning: .*torn\/journal\.ndjson: ignored a torn last line \(16 bytes/);
    expect(column(b.catalog.get('torn')!, 'n')).toEqual([1, 2]);
    await b.bulk(bulkBody([{ n: 3 }]), 'torn');
    await b.persisted.close();
    expect(column(node().catalog.get('torn')!, 'n')).toEqual([1, 2, 3]);
  });
});
