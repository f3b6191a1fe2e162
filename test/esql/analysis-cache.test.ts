import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { AnalysisCache } from '../../src/esql/analysis-cache.js';
import { analyze } from '../../src/esql/analyzer/analyzer.js';
import type { QueryParams } from '../../src/esql/ast.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { parse } from '../../src/esql/parser.js';
import { Catalog } from '../../src/storage/catalog.js';
import { IndexWriters } from '../../src/storage/index-writers.js';
import { storedIndex } from './analyzer/test-catalog.js';
import { systemSleep } from '../support/system-sleep.js';

const NOW = Date.parse('2024-05-01T00:00:00Z');

function analyzed(text: string, params?: QueryParams) {
  const ast = parse(text, params);
  return { ast, analyzed: analyze(ast, new Catalog(), { testFunctions: false, nowMs: NOW }) };
}

function remember(cache: AnalysisCache, text: string, params?: QueryParams, generation = 0) {
  const { ast, analyzed: a } = analyzed(text, params);
  cache.set(text, params, generation, ast, a);
  return a;
}

describe('AnalysisCache', () => {
  it('answers the same text and params with the same analysis while the catalog generation holds', () => {
    const cache = new AnalysisCache();
    const a = remember(cache, 'ROW a = 1 | EVAL b = a + 1', undefined, 3);
    expect(cache.get('ROW a = 1 | EVAL b = a + 1', undefined, 3)).toBe(a);
    expect(cache.get('ROW a = 1 | EVAL b = a + 2', undefined, 3)).toBeUndefined();
    // Another generation: the catalog changed since, the entry is dropped.
    expect(cache.get('ROW a = 1 | EVAL b = a + 1', undefined, 4)).toBeUndefined();
    expect(cache.get('ROW a = 1 | EVAL b = a + 1', undefined, 3)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('a new catalog generation drops every entry, not only the one asked for (no deleted index stays referenced)', () => {
    const cache = new AnalysisCache();
    remember(cache, 'ROW a = 1', undefined, 3);
    remember(cache, 'ROW a = 2', undefined, 3);
    expect(cache.size).toBe(2);
    expect(cache.get('ROW a = 3', undefined, 4)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keys on params with their types and names', () => {
    const cache = new AnalysisCache();
    const one = remember(cache, 'ROW a = ?', [1]);
    expect(cache.get('ROW a = ?', [1], 0)).toBe(one);
    for (const other of [[2], ['1'], [1n], [true], [null], [-0], { a: 1 }, [1, 1]] as QueryParams[]) {
      expect(cache.get('ROW a = ?', other, 0), JSON.stringify(other, (_k, v: unknown) => String(v))).toBeUndefined();
    }
    expect(cache.get('ROW a = ?', undefined, 0)).toBeUndefined();
    const named = remember(cache, 'ROW a = ?x', { x: 'v' });
    expect(cache.get('ROW a = ?x', { x: 'v' }, 0)).toBe(named);
    expect(cache.get('ROW a = ?x', { y: 'v' }, 0)).toBeUndefined();
  });

  it('keeps no query that reads the clock, at any depth, and no long text', () => {
    const cache = new AnalysisCache(8, 80);
    remember(cache, 'ROW a = NOW()');
    remember(cache, 'ROW a = 1 | EVAL d = DATE_DIFF("day", NOW() - 1 day, TO_DATETIME(0))');
    remember(cache, 'ROW a = 1 | WHERE a > 0 | EVAL b = CASE(a > 0, "x", "y") | EVAL c = a + 1 | KEEP a, b, c');
    expect(cache.size).toBe(0);
    remember(cache, 'ROW now = 1 | EVAL n = now + 1'); // a column named now is no clock
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used query beyond its capacity', () => {
    const cache = new AnalysisCache(2);
    const a = remember(cache, 'ROW a = 1');
    remember(cache, 'ROW b = 1');
    expect(cache.get('ROW a = 1', undefined, 0)).toBe(a);
    remember(cache, 'ROW c = 1'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get('ROW a = 1', undefined, 0)).toBe(a);
    expect(cache.get('ROW b = 1', undefined, 0)).toBeUndefined();
  });
});

describe('EsqlEngine with the analysis cache', () => {
  const opts = () => ({
    signal: new AbortController().signal,
    sleep: systemSleep,
    blockFactory: new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global')),
  });
  const rows = async (engine: EsqlEngine, text: string, nowMs = NOW) => (await engine.prepare(text, { nowMs }).execute(opts()).result).values;
  const t = (name: string, values: number[]) =>
    storedIndex(name, [{ name: 'n', type: 'integer' }], values.map((v) => [v]));

  it('sees every catalog change: a new snapshot of an index, a new index matching a pattern, a deletion', async () => {
    const catalog = new Catalog();
    catalog.put(t('t-1', [1, 2]));
    const engine = new EsqlEngine(catalog);
    const q = 'FROM t-* | STATS s = SUM(n), c = COUNT(*)';
    expect(await rows(engine, q)).toEqual([[3, 2]]);
    expect(await rows(engine, q)).toEqual([[3, 2]]);
    catalog.put(t('t-1', [1, 2, 3])); // what an index writer's append publishes
    expect(await rows(engine, q)).toEqual([[6, 3]]);
    catalog.put(t('t-2', [10]));
    expect(await rows(engine, q)).toEqual([[16, 4]]);
    catalog.delete('t-1');
    expect(await rows(engine, q)).toEqual([[10, 1]]);
    catalog.delete('t-2');
    await expect(rows(engine, q)).rejects.toMatchObject({ type: 'verification_exception' });
  });

  it('sees the documents an index writer appends once they are published', async () => {
    const catalog = new Catalog();
    const writers = new IndexWriters(catalog);
    writers.writer('w').append({ n: 1 }, '1', true);
    writers.publish('w');
    const engine = new EsqlEngine(catalog);
    const q = 'FROM w | STATS c = COUNT(*), s = SUM(n)';
    expect(await rows(engine, q)).toEqual([[1, 1]]);
    writers.writer('w').append({ n: 2 }, '2', true);
    expect(await rows(engine, q)).toEqual([[1, 1]]); // not published yet
    writers.publish('w');
    expect(await rows(engine, q)).toEqual([[2, 3]]);
  });

  it('gives a query that reads the clock its own now on every prepare', async () => {
    const engine = new EsqlEngine(new Catalog());
    const q = 'ROW a = 1 | EVAL t = NOW() - 1 day';
    expect(await rows(engine, q, NOW)).toEqual([[1, '2024-04-30T00:00:00.000Z']]);
    expect(await rows(engine, q, Date.parse('2025-01-02T00:00:00Z'))).toEqual([[1, '2025-01-01T00:00:00.000Z']]);
  });

  it('runs a cached query as a fresh prepare does, warnings included', async () => {
    const engine = new EsqlEngine(new Catalog());
    const q = 'ROW a = 2147483647 | EVAL b = a + 1 | MV_EXPAND a';
    const first = await engine.prepare(q).execute(opts()).result;
    const second = await engine.prepare(q).execute(opts()).result;
    expect(second.values).toEqual(first.values);
    expect(second.warnings).toEqual(first.warnings);
    expect(second.warnings.length).toBeGreaterThan(0);
  });
});
