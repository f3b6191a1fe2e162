import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { Catalog } from '../../src/storage/catalog.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { systemSleep } from '../support/system-sleep.js';

/**
 * WHERE on selection vectors, EVAL over deferred (late-gathered) columns and TopN, end to end against
 * answers computed straight from the stored arrays.
 */
describe('filter, arithmetic and TopN over the demo logs', () => {
  const index = generateLogs(30_000, 11);
  const catalog = new Catalog();
  catalog.put(index);
  const engine = new EsqlEngine(catalog);
  const rows = async (query: string) => {
    const blockFactory = new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global'));
    const options = { signal: new AbortController().signal, sleep: systemSleep, blockFactory };
    const r = await engine.prepare(query, { nowMs: 0 }).execute(options).result;
    expect(r.warnings).toEqual([]);
    return r.values;
  };
  // Every stored row as [ts, host, status, bytes, latency].
  const all = index.segments.flatMap((s) => {
    const [ts, host, status, bytes, lat] = [0, 1, 2, 3, 4].map((c) => s.blocks[c].values as ArrayLike<number | string>);
    return Array.from({ length: s.positionCount }, (_, p) => [ts[p], host[p], status[p], bytes[p], lat[p]] as [number, string, number, number, number]);
  });

  it('COUNT(*) after equality, inequality and OR filters', async () => {
    expect(await rows('FROM logs | WHERE status == 500 | STATS c = COUNT(*)')).toEqual([[all.filter((r) => r[2] === 500).length]]);
    expect(await rows('FROM logs | WHERE status != 200 | STATS c = COUNT(*)')).toEqual([[all.filter((r) => r[2] !== 200).length]]);
    const or = all.filter((r) => r[2] === 404 || r[4] >= 200).length;
    expect(await rows('FROM logs | WHERE status == 404 OR latency_ms >= 200 | STATS c = COUNT(*)')).toEqual([[or]]);
  });

  it('the top 100 by kb = bytes / 1024 of the rows passing an AND', async () => {
    const got = await rows(
      'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC, @timestamp | LIMIT 100',
    );
    const want = all
      .filter((r) => r[3] > 500000 && r[4] < 50)
      .map((r) => [r[0], r[1], Math.trunc(r[3] / 1024)] as const)
      .sort((a, b) => b[2] - a[2] || a[0] - b[0])
      .slice(0, 100)
      .map(([ts, host, kb]) => [new Date(ts).toISOString(), host, kb]);
    expect(got).toEqual(want);
  });

  it('the bottom 5 by a column the filter kept, constant on the left', async () => {
    const got = await rows('FROM logs | WHERE 300000 >= bytes AND status <= 201 | SORT latency_ms, @timestamp | KEEP host, latency_ms | LIMIT 5');
    const want = all
      .filter((r) => r[3] <= 300000 && r[2] <= 201)
      .sort((a, b) => a[4] - b[4] || a[0] - b[0])
      .slice(0, 5)
      .map((r) => [r[1], r[4]]);
    expect(got).toEqual(want);
  });
});
