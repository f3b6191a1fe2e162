import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import type { Block } from '../../src/compute/block.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { Catalog } from '../../src/storage/catalog.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';
import { systemSleep } from '../support/system-sleep.js';

/** The same index with every dictionary block replaced by its plain `string[]` form. */
function plainCopy(index: StoredIndex): StoredIndex {
  const plain = (b: Block): Block => (b.dictionary === undefined ? b : { type: b.type, positionCount: b.positionCount, values: [...(b.values as string[])] });
  return { ...index, segments: index.segments.map((s) => ({ positionCount: s.positionCount, blocks: s.blocks.map(plain) })) };
}

function engineOver(index: StoredIndex): EsqlEngine {
  const catalog = new Catalog();
  catalog.put(index);
  return new EsqlEngine(catalog);
}

async function run(engine: EsqlEngine, query: string) {
  const budget = () => new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global'));
  const options = { signal: new AbortController().signal, sleep: systemSleep, blockFactory: budget() };
  const r = await engine.prepare(query, { nowMs: 0 }).execute(options).result;
  return { columns: r.columns, values: r.values, warnings: r.warnings };
}

const QUERIES = [
  'FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10',
  'FROM logs | STATS c = COUNT(*) BY status, message',
  'FROM logs | WHERE host == "host-42" | KEEP @timestamp, bytes | LIMIT 1000',
  'FROM logs | WHERE host != "host-42" AND message == "GET /" | STATS c = COUNT(*), h = COUNT_DISTINCT(host)',
  'FROM logs | WHERE host == "no-such-host" | STATS c = COUNT(*)',
  'FROM logs | WHERE host IN ("host-1", "host-2", "nope") | STATS c = COUNT(*) BY host | SORT host',
  'FROM logs | WHERE message NOT IN ("GET /", "POST /login") | STATS c = COUNT(*) BY message | SORT c DESC, message | LIMIT 5',
  'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC, @timestamp | LIMIT 100',
  'FROM logs | SORT host, @timestamp | KEEP host, message | LIMIT 20',
  'FROM logs | EVAL line = CONCAT(host, " ", message) | STATS c = COUNT(*) BY line | SORT c DESC, line | LIMIT 3',
  'FROM logs | STATS m = MIN(host), x = MAX(message), v = VALUES(status) BY message | SORT message | LIMIT 4',
  'FROM logs | WHERE host LIKE "host-9*" | STATS c = COUNT(*)',
];

describe('queries over dictionary-encoded keywords', () => {
  const index = generateLogs(20_000, 3);
  const dictionary = engineOver(index);
  const strings = engineOver(plainCopy(index));

  it('the demo index holds host and message as dictionary blocks', () => {
    expect(index.segments[0].blocks[1].dictionary).toBeDefined();
    expect(plainCopy(index).segments[0].blocks[1].dictionary).toBeUndefined();
  });

  for (const query of QUERIES) {
    it(`answers as over plain strings: ${query}`, async () => {
      const want = await run(strings, query);
      expect(want.values.length).toBeGreaterThan(0);
      expect(await run(dictionary, query)).toEqual(want);
    });
  }
});
