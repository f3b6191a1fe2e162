/**
 * Runs a query both ways: directly with EsqlEngine, and split as the `--workers` pool would run it
 * (splitPlan's worker query on K contiguous slices of the index's segments, the workers' rows as the
 * partials index, the final query over them), and compares the two results.
 */
import { expect } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { sliceBlock } from '../../src/compute/block-filter.js';
import type { Page } from '../../src/compute/page.js';
import type { QueryParams } from '../../src/esql/ast.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult, Value } from '../../src/esql/query-engine.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';
import { partialIndex } from '../../src/parallel/partial-index.js';
import { type SplitPlan, splitPlan } from '../../src/parallel/split-plan.js';
import { userWarnings } from '../../src/parallel/user-warnings.js';
import { systemSleep } from '../support/system-sleep.js';

export const NOW_MS = Date.parse('2024-05-01T00:00:00Z');

const blockFactory = () => new BlockFactory(new MemoryBudget(2e9, 'query'), new MemoryBudget(2e9, 'global'));

export async function run(catalog: Catalog, query: string, params?: QueryParams): Promise<EngineResult> {
  const prepared = new EsqlEngine(catalog, { testFunctions: true }).prepare(query, {
    nowMs: NOW_MS,
    ...(params === undefined ? {} : { params }),
  });
  return prepared.execute({ signal: new AbortController().signal, sleep: systemSleep, blockFactory: blockFactory() }).result;
}

export function catalogOf(...indices: StoredIndex[]): Catalog {
  const catalog = new Catalog();
  for (const i of indices) catalog.put(i);
  return catalog;
}

/** The same rows cut into pages of at most `size` positions, so that partitions are not trivial. */
export function cutSegments(index: StoredIndex, size: number): StoredIndex {
  const segments: Page[] = [];
  for (const page of index.segments) {
    for (let from = 0; from < page.positionCount; from += size) {
      const to = Math.min(page.positionCount, from + size);
      segments.push({ positionCount: to - from, blocks: page.blocks.map((b) => sliceBlock(b, from, to)) });
    }
  }
  return { ...index, segments };
}

/** K views of the index, each a contiguous slice of its segments (some possibly empty). */
export function partitions(index: StoredIndex, k: number): StoredIndex[] {
  const n = index.segments.length;
  return Array.from({ length: k }, (_, w) => {
    const segments = index.segments.slice(Math.floor((w * n) / k), Math.floor(((w + 1) * n) / k));
    return { ...index, segments, rowCount: segments.reduce((s, p) => s + p.positionCount, 0) };
  });
}

/** Runs `plan` over `k` partitions of `catalog`'s index, as the pool would. */
export async function runSplit(catalog: Catalog, plan: SplitPlan, k: number): Promise<EngineResult> {
  const index = catalog.get(plan.index);
  if (index === undefined) throw new Error(`no index ${plan.index}`);
  const workers: EngineResult[] = [];
  for (const part of partitions(index, k)) workers.push(await run(catalogOf(part), plan.workerQuery, plan.workerParams));
  const columns = workers[0].columns;
  for (const w of workers) {
    if (plan.workerRowLimit !== undefined) expect(w.values.length).toBeLessThan(plan.workerRowLimit);
  }
  const partials = partialIndex(
    columns,
    workers.map((w) => w.values),
  );
  const final = await run(catalogOf(partials), plan.finalQuery, plan.finalParams);
  // As the pool merges them: at the user's positions, workers' first, each text once.
  const warnings = [...workers.flatMap((w) => userWarnings(plan.workerSpans, w.warnings)), ...userWarnings(plan.finalSpans, final.warnings)];
  return { ...final, warnings: distinct(warnings) };
}

export const distinct = (list: readonly string[]): string[] => [...new Set(list)];

export interface CompareOptions {
  /** Compare rows in order (the query sorts them); otherwise as multisets. */
  readonly ordered?: boolean;
  /** Compare only these columns (TopN with ties: the sort keys). */
  readonly keyColumns?: readonly string[];
}

/** Runs `query` unsplit and split over 1, 2 and 3 partitions; expects the same columns and rows. */
export async function expectSplitMatches(catalog: Catalog, query: string, options: CompareOptions = {}, params?: QueryParams): Promise<SplitPlan> {
  const plan = splitPlan(query, params);
  expect(plan, `splitPlan accepts ${query}`).not.toBeNull();
  const direct = await run(catalog, query, params);
  for (const k of [1, 2, 3]) {
    const split = await runSplit(catalog, plan!, k);
    const where = `${query} [K=${k}]\nworker: ${plan!.workerQuery}\nfinal: ${plan!.finalQuery}`;
    expect(split.columns, where).toEqual(direct.columns);
    expect(split.warnings, where).toEqual(distinct(direct.warnings));
    const mismatch = compareRows(direct, split, options);
    expect(mismatch, where).toBeNull();
  }
  return plan!;
}

/** Null when the rows agree, else a description of the first difference. */
export function compareRows(expected: EngineResult, actual: EngineResult, options: CompareOptions = {}): string | null {
  const keys = options.keyColumns?.map((n) => expected.columns.findIndex((c) => c.name === n));
  const project = (rows: readonly (readonly Value[])[]) => (keys === undefined ? rows : rows.map((r) => keys.map((i) => r[i])));
  let a = project(expected.values);
  let b = project(actual.values);
  if (a.length !== b.length) return `row count ${b.length}, expected ${a.length}`;
  if (options.ordered !== true) {
    a = [...a].sort(byCanonical);
    b = [...b].sort(byCanonical);
  }
  for (let i = 0; i < a.length; i++) {
    if (!sameValue(a[i], b[i])) return `row ${i}: ${canonical(b[i])}, expected ${canonical(a[i])}`;
  }
  return null;
}

function sameValue(a: Value | readonly Value[], b: Value | readonly Value[]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x: Value, i: number) => sameValue(x, b[i] as Value));
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** A sort key that tolerates the last bits of a double (sums in a different order). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(8)) : x,
  );
}

const byCanonical = (x: unknown, y: unknown) => {
  const a = canonical(x);
  const b = canonical(y);
  return a < b ? -1 : a > b ? 1 : 0;
};
