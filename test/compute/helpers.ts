import { blockFromValues, blockToValues, type Scalar } from '../../src/compute/block-builder.js';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import type { DataType } from '../../src/compute/data-type.js';
import type { DriverContext, Operator } from '../../src/compute/operator.js';
import type { Page } from '../../src/compute/page.js';

export type Cell = Scalar | Scalar[] | null;

export function testContext(
  options: { limitBytes?: number; signal?: AbortSignal; sleep?: DriverContext['sleep'] } = {},
): DriverContext & { blockFactory: BlockFactory } {
  const limit = options.limitBytes ?? 1024 * 1024 * 1024;
  return {
    signal: options.signal ?? new AbortController().signal,
    blockFactory: new BlockFactory(new MemoryBudget(limit, 'query'), new MemoryBudget(limit * 4, 'global')),
    sleep: options.sleep ?? (() => Promise.resolve()),
  };
}

/** A page from column specs: `[type, values]` per channel. */
export function pageOf(...columns: [DataType, Cell[]][]): Page {
  const n = columns.length === 0 ? 0 : columns[0][1].length;
  return { positionCount: n, blocks: columns.map(([t, v]) => blockFromValues(t, v)) };
}

/** Rows of a list of pages as JS values. */
export function rowsOf(pages: readonly Page[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of pages) {
    const cols = p.blocks.map((b) => blockToValues(b));
    for (let i = 0; i < p.positionCount; i++) rows.push(cols.map((c) => c[i]));
  }
  return rows;
}

/** Push `pages` through one operator synchronously, as a driver would, and collect its output. */
export function drive(op: Operator, pages: readonly Page[]): Page[] {
  const out: Page[] = [];
  const drain = () => {
    for (let p = op.getOutput(); p !== null; p = op.getOutput()) out.push(p);
  };
  for (const page of pages) {
    let guard = 0;
    while (!op.needsInput()) {
      if (op.isFinished()) return out;
      drain();
      if (++guard > 1000) throw new Error(`${op.toString()} never needs input`);
    }
    op.addInput(page);
    drain();
  }
  op.finish();
  let guard = 0;
  while (!op.isFinished()) {
    drain();
    if (++guard > 100_000) throw new Error(`${op.toString()} never finishes`);
  }
  drain();
  return out;
}

/** A column of `n` integers 0..n-1 split into pages of `pageSize`. */
export function intPages(n: number, pageSize: number): Page[] {
  const pages: Page[] = [];
  for (let from = 0; from < n; from += pageSize) {
    const size = Math.min(pageSize, n - from);
    const values = new Int32Array(size);
    for (let i = 0; i < size; i++) values[i] = from + i;
    pages.push({ positionCount: size, blocks: [{ type: 'integer', positionCount: size, values }] });
  }
  return pages;
}

/** A stored index with an integer column `n` (0..rows-1) and a keyword column `k`, in segments of `segmentSize`. */
export function numbersIndex(name: string, rows: number, segmentSize: number): import('../../src/storage/stored-index.js').StoredIndex {
  const segments: Page[] = [];
  for (const p of intPages(rows, segmentSize)) {
    const keys = new Array<string>(p.positionCount);
    const ints = p.blocks[0].values as Int32Array;
    for (let i = 0; i < p.positionCount; i++) keys[i] = `k${ints[i] % 3}`;
    segments.push({ positionCount: p.positionCount, blocks: [p.blocks[0], { type: 'keyword', positionCount: p.positionCount, values: keys }] });
  }
  return {
    name,
    columns: [
      { name: 'n', type: 'integer' },
      { name: 'k', type: 'keyword' },
    ],
    rowCount: rows,
    segments,
  };
}
