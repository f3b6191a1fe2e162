import { filterBlock } from './block-filter.js';
import { gatherRows } from './block-gather.js';
import type { Block } from './block.js';
import type { Page } from './page.js';
import { pageBytes } from './page-bytes.js';
import { sortByNumber, sortWithComparator } from './sort-indexes.js';
import { type SortKey, SortKeyColumn } from './sort-key.js';

export { type SortKey, describeSortKeys } from './sort-key.js';

/** Rows per output page. */
export const SORTED_PAGE_SIZE = 8192;

/**
 * Rows buffered for SORT / TopN: the pages as they came plus the extracted key columns. Row indices
 * follow arrival order, which makes `compare` a stable order (ties keep arrival order).
 */
export class SortBuffer {
  private pages: Page[] = [];
  private rowPage = new Int32Array(1024);
  private rowPos = new Int32Array(1024);
  private readonly keyColumns: SortKeyColumn[];
  private rows = 0;
  private bytes = 0;

  constructor(readonly keys: readonly SortKey[]) {
    this.keyColumns = keys.map((k) => new SortKeyColumn(k));
  }

  get size(): number {
    return this.rows;
  }

  /** Estimated bytes held (pages + key columns). */
  get estimatedBytes(): number {
    return this.bytes;
  }

  add(page: Page): void {
    const n = page.positionCount;
    if (n === 0) return;
    this.ensure(this.rows + n);
    const pageIndex = this.pages.length;
    this.pages.push(page);
    for (let p = 0; p < n; p++) {
      this.rowPage[this.rows + p] = pageIndex;
      this.rowPos[this.rows + p] = p;
    }
    for (const k of this.keyColumns) k.extract(page.blocks[k.key.channel], this.rows, n);
    this.rows += n;
    this.bytes += pageBytes(page) + n * (8 + this.keyColumns.reduce((s, k) => s + k.bytesPerRow(), 0));
  }

  /**
   * Cheap pre-check for TopN: positions of `page` that may beat buffered row `row`, judged on the
   * first key alone with a typed loop (no key extraction, no call per row). Returns -1 when the
   * first key is not a single-valued number block; then every row is a candidate.
   */
  candidatesBetterThan(page: Page, row: number, out: Int32Array): number {
    const k0 = this.keyColumns[0];
    const block = page.blocks[k0.key.channel];
    if (k0.kind !== 'num' || block.firstValueIndexes !== undefined || block.values === null) return -1;
    const values = block.values as Float64Array;
    const n = page.positionCount;
    const ties = this.keyColumns.length > 1;
    const nullsFirst = k0.key.nullsFirst;
    const nulls = block.nulls;
    let count = 0;
    if (k0.nulls[row] === 1) {
      // Threshold key is null: non-null rows beat it when nulls go last; null rows tie.
      for (let p = 0; p < n; p++) {
        const isNull = nulls !== undefined && nulls[p] === 1;
        if (isNull ? ties : !nullsFirst) out[count++] = p;
      }
      return count;
    }
    const t = k0.num[row];
    const asc = k0.key.asc;
    if (nulls === undefined) return numbersBeating(values, n, t, asc, ties, out);
    for (let p = 0; p < n; p++) {
      if (nulls !== undefined && nulls[p] === 1) {
        if (nullsFirst) out[count++] = p;
        continue;
      }
      const x = values[p];
      if (asc ? x < t : x > t) out[count++] = p;
      else if (ties && x === t) out[count++] = p;
    }
    return count;
  }

  /** Drop rows from `size` on (they must be exactly the last page added). */
  truncateLastPage(size: number): void {
    const page = this.pages.pop();
    if (page === undefined) return;
    this.bytes -= pageBytes(page) + (this.rows - size) * (8 + this.keyColumns.reduce((s, k) => s + k.bytesPerRow(), 0));
    this.rows = size;
  }

  /** Rows a and b on all keys; ties broken by arrival, so never 0 for a !== b. */
  compare(a: number, b: number): number {
    const cols = this.keyColumns;
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k].compare(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  }

  /** Row indices in sorted order (stable: ties keep arrival order). */
  sortedOrder(): Int32Array {
    const n = this.rows;
    const order = new Int32Array(n);
    const tmp = new Int32Array(n);
    const k0 = this.keyColumns[0];
    // Rows with a null first key form one block before or after the others, in arrival order.
    const nulls = k0.nulls;
    let nullCount = 0;
    for (let r = 0; r < n; r++) nullCount += nulls[r];
    const valuesFrom = k0.key.nullsFirst ? nullCount : 0;
    const nullsFrom = k0.key.nullsFirst ? 0 : n - nullCount;
    let v = valuesFrom;
    let u = nullsFrom;
    for (let r = 0; r < n; r++) {
      if (nulls[r] === 1) order[u++] = r;
      else order[v++] = r;
    }
    const valuesTo = valuesFrom + (n - nullCount);
    const rest = (a: number, b: number): number => this.compareFromKey(1, a, b);
    if (k0.kind === 'num') {
      const keys = new Float64Array(n);
      const sign = k0.key.asc ? 1 : -1;
      for (let i = valuesFrom; i < valuesTo; i++) keys[i] = sign * k0.num[order[i]];
      sortByNumber(keys, order, valuesFrom, valuesTo, new Float64Array(n), tmp);
      if (this.keyColumns.length > 1) {
        // Equal first keys form runs; only those need the remaining keys.
        let start = valuesFrom;
        for (let i = valuesFrom + 1; i <= valuesTo; i++) {
          if (i < valuesTo && keys[i] === keys[start]) continue;
          if (i - start > 1) sortWithComparator(order, start, i, rest, tmp);
          start = i;
        }
      }
    } else {
      sortWithComparator(order, valuesFrom, valuesTo, (a, b) => this.compareFromKey(0, a, b), tmp);
    }
    if (nullCount > 1 && this.keyColumns.length > 1) sortWithComparator(order, nullsFrom, nullsFrom + nullCount, rest, tmp);
    return order;
  }

  /** Rows a and b on keys `from..` only; 0 when equal on all of them. */
  private compareFromKey(from: number, a: number, b: number): number {
    const cols = this.keyColumns;
    for (let k = from; k < cols.length; k++) {
      const c = cols[k].compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  }

  /** Pages holding rows `order[from..to)`, in that order, at most SORTED_PAGE_SIZE positions each. */
  materialize(order: Int32Array, from: number, to: number): Page[] {
    const out: Page[] = [];
    for (let start = from; start < to; start += SORTED_PAGE_SIZE) {
      const end = Math.min(to, start + SORTED_PAGE_SIZE);
      out.push(this.gather(order, start, end));
    }
    return out;
  }

  clear(): void {
    this.pages = [];
    this.rows = 0;
    this.bytes = 0;
  }

  private gather(order: Int32Array, from: number, to: number): Page {
    const n = to - from;
    const first = this.pages[0];
    const channels = first.blocks.length;
    if (this.pages.length === 1) {
      const positions = new Int32Array(n);
      for (let i = 0; i < n; i++) positions[i] = this.rowPos[order[from + i]];
      return { positionCount: n, blocks: first.blocks.map((b) => filterBlock(b, positions, n)) };
    }
    const blocks: Block[] = [];
    for (let c = 0; c < channels; c++) {
      const sources = this.pages.map((p) => p.blocks[c]);
      blocks.push(gatherRows(sources, this.rowPage, this.rowPos, order, from, to));
    }
    return { positionCount: n, blocks };
  }

  private ensure(capacity: number): void {
    if (capacity > this.rowPage.length) {
      const n = Math.max(capacity, this.rowPage.length * 2);
      const rp = new Int32Array(n);
      rp.set(this.rowPage);
      this.rowPage = rp;
      const pos = new Int32Array(n);
      pos.set(this.rowPos);
      this.rowPos = pos;
    }
    for (const k of this.keyColumns) k.ensure(capacity);
  }
}

/**
 * Positions p < n where `values[p]` beats `t` (below it ascending, above it descending; equal too
 * when later keys may still break the tie), written to `out`. One loop per case without a branch per
 * row: how many rows beat the threshold is data-dependent, and a mispredicted branch costs more than
 * the store.
 */
function numbersBeating(values: Float64Array, n: number, t: number, asc: boolean, ties: boolean, out: Int32Array): number {
  let count = 0;
  if (asc && ties) {
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += +(values[p] <= t);
    }
  } else if (asc) {
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += +(values[p] < t);
    }
  } else if (ties) {
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += +(values[p] >= t);
    }
  } else {
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += +(values[p] > t);
    }
  }
  return count;
}
