import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../../src/compute/block-factory.js';
import { EsqlEngine } from '../../../src/esql/engine.js';
import type { EngineResult } from '../../../src/esql/query-engine.js';
import { Catalog } from '../../../src/storage/catalog.js';
import { storedIndex } from '../analyzer/test-catalog.js';
import { systemSleep } from '../../support/system-sleep.js';

// Ten rows, three fully populated columns: `values_loaded` is 10 per column the source loads.
const rowsOf = Array.from({ length: 10 }, (_, i) => [i, `k${i % 3}`, i / 2]);
const catalog = new Catalog();
catalog.put(
  storedIndex(
    'p',
    [
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'keyword' },
      { name: 'c', type: 'double' },
    ],
    rowsOf,
  ),
);
const engine = new EsqlEngine(catalog, { testFunctions: true });

function run(query: string): Promise<EngineResult> {
  const blockFactory = new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global'));
  const options = { signal: new AbortController().signal, sleep: systemSleep, blockFactory };
  return engine.prepare(query, { nowMs: 0 }).execute(options).result;
}

async function loaded(query: string): Promise<{ loaded: number; values: unknown[][]; columns: string[] }> {
  const r = await run(query);
  return { loaded: r.valuesLoaded, values: r.values as unknown[][], columns: r.columns.map((c) => c.name) };
}

describe('column pruning (projection pushdown)', () => {
  it('a WHERE then STATS loads only the filtered column', async () => {
    const r = await loaded('FROM p | WHERE a >= 7 | STATS n = COUNT(*)');
    expect(r.values).toEqual([[3]]);
    expect(r.loaded).toBe(10);
  });

  it('queries that output every column load every column', async () => {
    expect((await loaded('FROM p')).loaded).toBe(30);
    expect((await loaded('FROM p | KEEP *')).loaded).toBe(30);
    expect((await loaded('FROM p | WHERE a < 2')).values).toEqual([
      [0, 'k0', 0],
      [1, 'k1', 0.5],
    ]);
  });

  it('KEEP, DROP and RENAME load only what reaches the output', async () => {
    const kept = await loaded('FROM p | KEEP c');
    expect(kept).toMatchObject({ loaded: 10, columns: ['c'] });
    expect(kept.values.slice(0, 2)).toEqual([[0], [0.5]]);
    const dropped = await loaded('FROM p | DROP b');
    expect(dropped).toMatchObject({ loaded: 20, columns: ['a', 'c'] });
    expect(dropped.values[1]).toEqual([1, 0.5]);
    const renamed = await loaded('FROM p | RENAME a AS x | KEEP x');
    expect(renamed).toMatchObject({ loaded: 10, columns: ['x'] });
    expect(renamed.values[9]).toEqual([9]);
    expect(await loaded('FROM p | KEEP c*')).toMatchObject({ loaded: 10, columns: ['c'] });
  });

  it('columns read by EVAL, WHERE and SORT are loaded even when dropped later', async () => {
    const r = await loaded('FROM p | EVAL d = a * 2 | WHERE c > 3 | SORT c DESC | KEEP d | LIMIT 2');
    expect(r.values).toEqual([[18], [16]]);
    expect(r.loaded).toBe(20);
  });

  it('STATS BY loads its group and aggregate inputs only', async () => {
    const r = await loaded('FROM p | STATS s = SUM(a) BY b | SORT b');
    expect(r.values).toEqual([
      [18, 'k0'],
      [12, 'k1'],
      [15, 'k2'],
    ]);
    expect(r.loaded).toBe(20);
  });

  it('METADATA columns survive pruning of every index column', async () => {
    const r = await loaded('FROM p METADATA _index | KEEP _index');
    expect(r).toMatchObject({ loaded: 0, columns: ['_index'] });
    expect(r.values[9]).toEqual(['p']);
  });

  it('a later step reading an EVAL column shadowing a field still gets the computed values', async () => {
    const r = await loaded('FROM p | EVAL a = a + 100 | WHERE a > 108 | KEEP a, b');
    expect(r.values).toEqual([[109, 'k0']]);
    expect(r.loaded).toBe(20);
  });
});
