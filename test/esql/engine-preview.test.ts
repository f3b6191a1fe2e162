import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult, QueryExecution } from '../../src/esql/query-engine.js';
import { settle } from '../../src/runtime/simulated-clock.js';
import { ROWS, numsCatalog } from '../support/nums-catalog.js';
import { systemSleep } from '../support/system-sleep.js';


const engine = new EsqlEngine(numsCatalog());

/** An execution whose driver runs one pipeline pass per slice, each slice released by `step()`. */
function gated(query: string) {
  const waiting: (() => void)[] = [];
  const execution: QueryExecution = engine.prepare(query).execute({
    signal: new AbortController().signal,
    sleep: systemSleep,
    blockFactory: new BlockFactory(new MemoryBudget(1e9, 'request'), new MemoryBudget(1e9, 'parent')),
    sliceMs: 0,
    yieldToEventLoop: () => new Promise<void>((resolve) => waiting.push(resolve)),
  });
  let settled = false;
  void execution.result.finally(() => (settled = true)).catch(() => undefined);
  return {
    execution,
    async step(slices = 1) {
      for (let i = 0; i < slices; i++) {
        await settle();
        waiting.shift()?.();
      }
      await settle();
    },
    async finish(): Promise<EngineResult> {
      for (let i = 0; i < 10_000 && !settled; i++) {
        waiting.splice(0).forEach((r) => r());
        await settle();
      }
      return execution.result;
    },
    rowsRead: () => execution.progress().rows_processed,
  };
}

const preview = (e: QueryExecution): EngineResult => {
  const p = e.preview?.();
  if (p === undefined) throw new Error('no preview');
  return p;
};

/** Sum of 0..n-1. */
const sumBelow = (n: number) => (n * (n - 1)) / 2;

describe('QueryExecution.preview', () => {
  it('STATS: previews are the aggregates so far, grow monotonically, and never disturb the final answer', async () => {
    const q = gated('FROM nums | STATS c = COUNT(*), s = SUM(n)');
    let lastCount = -1;
    for (let i = 0; i < 6; i++) {
      await q.step();
      // Asked several times per slice: a preview that counted twice would show up here and in the final result.
      const first = preview(q.execution);
      const again = preview(q.execution);
      expect(again.values).toEqual(first.values);
      expect(first.isPartial).toBe(true);
      const [c, s] = first.values[0] as [number, number];
      expect(c).toBe(q.rowsRead());
      expect(s).toBe(sumBelow(c));
      expect(c).toBeGreaterThanOrEqual(lastCount);
      lastCount = c;
    }
    expect(lastCount).toBeGreaterThan(0);
    expect(lastCount).toBeLessThan(ROWS);
    const final = await q.finish();
    expect(final.values).toEqual([[ROWS, sumBelow(ROWS)]]);
    expect(final.isPartial).toBe(false);
    expect(q.execution.preview?.()).toBeUndefined();
  });

  it('STATS BY then SORT | LIMIT: the snapshot goes through fresh downstream operators', async () => {
    const q = gated('FROM nums | EVAL g = n % 4 | STATS c = COUNT(*) BY g | SORT g DESC | LIMIT 2');
    await q.step(3);
    const read = q.rowsRead();
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(ROWS);
    const p = preview(q.execution);
    expect(p.columns.map((c) => c.name)).toEqual(['c', 'g']);
    expect(p.values).toEqual([
      [read / 4, 3],
      [read / 4, 2],
    ]);
    // The live LIMIT never saw the snapshot: the final answer still has its two rows.
    expect((await q.finish()).values).toEqual([
      [ROWS / 4, 3],
      [ROWS / 4, 2],
    ]);
  });

  it('SORT | LIMIT: the current top rows', async () => {
    const q = gated('FROM nums | SORT n DESC | LIMIT 3');
    await q.step(2);
    const read = q.rowsRead();
    expect(preview(q.execution).values).toEqual([[read - 1], [read - 2], [read - 3]]);
    await q.step(2);
    const later = q.rowsRead();
    expect(later).toBeGreaterThan(read);
    expect(preview(q.execution).values).toEqual([[later - 1], [later - 2], [later - 3]]);
    expect((await q.finish()).values).toEqual([[ROWS - 1], [ROWS - 2], [ROWS - 3]]);
  });

  it('a scan: the rows collected so far', async () => {
    // An explicit LIMIT: the implicit one (1000) would end the scan after its first page.
    const q = gated('FROM nums | EVAL m = n * 2 | KEEP m | LIMIT 10000');
    await q.step(2);
    const read = q.rowsRead();
    const p = preview(q.execution);
    expect(p.values).toHaveLength(read);
    expect(p.values[read - 1]).toEqual([(read - 1) * 2]);
    expect((await q.finish()).values).toHaveLength(ROWS);
  });

  it('adds no warning of its own to the live query', async () => {
    const query = 'FROM nums | STATS s = SUM(n) | EVAL x = s / 0';
    const alone = await gated(query).finish();
    expect(alone.warnings.length).toBeGreaterThan(0);
    const q = gated(query);
    for (let i = 0; i < 4; i++) {
      await q.step();
      expect(preview(q.execution).values[0][1]).toBeNull();
    }
    expect((await q.finish()).warnings).toEqual(alone.warnings);
  });
});

describe('QueryExecution.hardStop', () => {
  it('returns the rows buffered in the pipeline now, as partial', async () => {
    const q = gated('FROM nums | STATS c = COUNT(*)');
    await q.step(3);
    const read = q.rowsRead();
    const r = q.execution.hardStop?.();
    expect(r).toMatchObject({ isPartial: true, values: [[read]] });
    expect(r?.columns).toEqual([{ name: 'c', type: 'long' }]);
  });

  it('before any row was read: the schema and the empty aggregate', () => {
    const q = gated('FROM nums | SORT n | LIMIT 2');
    expect(q.execution.hardStop?.()).toMatchObject({ isPartial: true, values: [], columns: [{ name: 'n', type: 'long' }] });
  });
});
