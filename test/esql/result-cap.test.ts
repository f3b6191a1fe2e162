import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { MAX_RESULT_ROWS } from '../../src/esql/analyzer/analyzer.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { Catalog } from '../../src/storage/catalog.js';
import { storedIndex } from './analyzer/test-catalog.js';
import { systemSleep } from '../support/system-sleep.js';

/** ES returns at most 10,000 rows whatever LIMIT asks; a LIMIT before a STATS is not capped. */
const catalog = new Catalog();
catalog.put(storedIndex('big', [{ name: 'n', type: 'integer' }], Array.from({ length: 25_000 }, (_, i) => [i]), 4096));
const engine = new EsqlEngine(catalog, {});

const run = (query: string) =>
  engine.prepare(query).execute({
    signal: new AbortController().signal,
    sleep: systemSleep,
    blockFactory: new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global')),
  }).result;

describe('result size cap', () => {
  it('caps a final LIMIT above 10,000 and stops reading early', async () => {
    const r = await run('FROM big | LIMIT 20000');
    expect(MAX_RESULT_ROWS).toBe(10_000);
    expect(r.values).toHaveLength(10_000);
    expect(r.documentsFound).toBeLessThan(25_000);
    expect(r.isPartial).toBe(false);
  });

  it('does not cap a LIMIT that feeds a STATS', async () => {
    const r = await run('FROM big | LIMIT 20000 | STATS c = COUNT(*)');
    expect(r.values).toEqual([[20_000]]);
  });

  it('keeps a SORT + LIMIT above the cap correct: the best 10,000 rows', async () => {
    const r = await run('FROM big | SORT n DESC | LIMIT 15000');
    expect(r.values).toHaveLength(10_000);
    expect(r.values[0]).toEqual([24_999]);
    expect(r.values.at(-1)).toEqual([15_000]);
  });
});
