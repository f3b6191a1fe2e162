import type { Block } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';
import { dictionaryBlock } from '../compute/dictionary-block.js';
import type { Page } from '../compute/page.js';
import type { IndexColumn } from './stored-index.js';
import { SEGMENT_SIZE } from './stored-index.js';
import { compareUtf8, type LoadedValue, normalizeMultiValue } from './multi-value-order.js';
import { ColumnDictionary, isDictionaryType } from './column-dictionary.js';
import { sharedEmptyValues, sharedInt32, sharedUint16, sharedUint8 } from './shared-arrays.js';

/**
 * Accumulates one column's positions while a loader reads rows, then cuts it into per-segment
 * Blocks. Values are kept flat with a per-position count (-1 = null) so a row costs no object.
 * String columns are cut into dictionary blocks over the column's ColumnDictionary when it pays
 * (see there); a writer that seals segment by segment passes the same dictionary to each builder.
 * Every typed array of a cut block lives on a SharedArrayBuffer, so worker threads read it without a copy.
 */
export class ColumnBuilder {
  private readonly flat: LoadedValue[] = [];
  private readonly counts: number[] = [];
  // Where the last block ended, so cutting segments in order stays linear.
  private cursorPosition = 0;
  private cursorValue = 0;

  readonly dictionary: ColumnDictionary | null;

  constructor(
    readonly type: DataType,
    dictionary?: ColumnDictionary,
  ) {
    this.dictionary = isDictionaryType(type) ? (dictionary ?? new ColumnDictionary()) : null;
  }

  get positionCount(): number {
    return this.counts.length;
  }

  appendNull(): void {
    this.counts.push(-1);
  }

  appendValue(v: LoadedValue): void {
    this.flat.push(v);
    this.counts.push(1);
  }

  /** A multi-value, sorted/de-duplicated here as ES doc values would be; empty means null. */
  appendMulti(values: LoadedValue[]): void {
    if (values.length === 0) return this.appendNull();
    const sorted = normalizeMultiValue(this.type, values);
    for (let i = 0; i < sorted.length; i++) this.flat.push(sorted[i]);
    this.counts.push(sorted.length);
  }

  /** The Block for positions [from, to). */
  block(from: number, to: number): Block {
    const positionCount = to - from;
    if (from < this.cursorPosition) {
      this.cursorPosition = 0;
      this.cursorValue = 0;
    }
    let start = this.cursorValue;
    for (let p = this.cursorPosition; p < from; p++) start += Math.max(0, this.counts[p]);
    let valueCount = 0;
    let multi = false;
    let anyNull = false;
    for (let p = from; p < to; p++) {
      const c = this.counts[p];
      if (c < 0) anyNull = true;
      else valueCount += c;
      if (c > 1) multi = true;
    }
    this.cursorPosition = to;
    this.cursorValue = start + valueCount;
    const nulls = anyNull ? sharedUint8(positionCount) : undefined;
    if (nulls !== undefined) for (let p = from; p < to; p++) if (this.counts[p] < 0) nulls[p - from] = 1;
    if (!multi) {
      const values = sharedEmptyValues(this.type, positionCount);
      let v = start;
      for (let p = from; p < to; p++) {
        if (this.counts[p] === 1) write(values, p - from, this.flat[v++]);
      }
      return this.encoded({ type: this.type, positionCount, values, ...(nulls ? { nulls } : {}), mvSorted: true });
    }
    const values = sharedEmptyValues(this.type, valueCount);
    const firstValueIndexes = sharedInt32(positionCount + 1);
    let out = 0;
    let v = start;
    let sorted = true;
    for (let p = from; p < to; p++) {
      firstValueIndexes[p - from] = out;
      const c = Math.max(0, this.counts[p]);
      for (let k = 0; k < c; k++) {
        write(values, out++, this.flat[v]);
        if (k > 0 && this.type === 'text' && compareUtf8(this.flat[v - 1] as string, this.flat[v] as string) > 0) {
          sorted = false;
        }
        v++;
      }
    }
    firstValueIndexes[positionCount] = out;
    return this.encoded({
      type: this.type,
      positionCount,
      values,
      ...(nulls ? { nulls } : {}),
      firstValueIndexes,
      mvSorted: sorted,
    });
  }

  /** `block` in dictionary form when this column has a dictionary and the block is worth encoding. */
  private encoded(block: Block): Block {
    if (this.dictionary === null) return block;
    const values = block.values as string[];
    const ordinals = sharedUint16(values.length);
    // Null placeholders exist only in the single-valued layout, where values line up with positions.
    const nulls = block.firstValueIndexes === undefined ? block.nulls : undefined;
    if (!this.dictionary.encode(values, nulls, ordinals)) return block;
    const dictionary = { ordinals, terms: this.dictionary.terms };
    return dictionaryBlock(block.type, block.positionCount, dictionary, block.nulls, block.firstValueIndexes, block.mvSorted);
  }
}

function write(values: Block['values'], i: number, v: LoadedValue): void {
  if (values === null) return;
  (values as unknown as LoadedValue[])[i] = v;
}

/** Cuts equally long builders into SEGMENT_SIZE pages. */
export function buildSegments(builders: readonly ColumnBuilder[], rowCount: number): Page[] {
  const segments: Page[] = [];
  for (let from = 0; from < rowCount; from += SEGMENT_SIZE) {
    const to = Math.min(rowCount, from + SEGMENT_SIZE);
    segments.push({ positionCount: to - from, blocks: builders.map((b) => b.block(from, to)) });
  }
  return segments;
}

export const toColumns = (names: readonly string[], builders: readonly ColumnBuilder[]): IndexColumn[] =>
  names.map((name, i) => ({ name, type: builders[i].type }));
