import { type Block, type BlockValues, constantNullBlock, emptyValues } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';

/**
 * One value as an evaluator sees it: booleans are 0/1, integer/long/double/datetime are numbers,
 * unsigned_long is a bigint, keyword/text/ip/version are strings (the physical forms of data-type.ts).
 */
export type Value = number | bigint | string;

/** Any Block value array, written through one index signature. */
export type WritableValues = { [index: number]: Value; readonly length: number };

export const writable = (v: BlockValues): WritableValues => v as unknown as WritableValues;

/**
 * Builds a single-valued Block of exactly `positionCount` positions: the fast output of
 * single-value functions. Nulls are tracked lazily so a null-free result carries no bitmap.
 */
export class SingleValueBuilder {
  readonly values: WritableValues;
  private readonly raw: BlockValues;
  private nulls: Uint8Array | undefined;

  constructor(
    readonly type: DataType,
    readonly positionCount: number,
  ) {
    this.raw = emptyValues(type, positionCount);
    this.values = writable(this.raw);
  }

  setNull(p: number): void {
    (this.nulls ??= new Uint8Array(this.positionCount))[p] = 1;
  }

  build(): Block {
    if (this.type === 'null') return constantNullBlock('null', this.positionCount);
    return this.nulls === undefined
      ? { type: this.type, positionCount: this.positionCount, values: this.raw }
      : { type: this.type, positionCount: this.positionCount, values: this.raw, nulls: this.nulls };
  }
}

/**
 * Builds a Block position by position where a position may get any number of values (conversions that
 * keep multi-values, SPLIT, MV_* functions). Zero values make the position null. The result drops its
 * `firstValueIndexes` when no position ended up multi-valued.
 */
export class MultiValueBuilder {
  private values: WritableValues;
  private raw: BlockValues;
  private count = 0;
  private readonly offsets: Int32Array;
  private position = 0;
  private multi = false;
  private anyNull = false;

  constructor(
    readonly type: DataType,
    readonly positionCount: number,
    estimatedValues = positionCount,
  ) {
    this.raw = emptyValues(type, Math.max(estimatedValues, 8));
    this.values = writable(this.raw);
    this.offsets = new Int32Array(positionCount + 1);
  }

  /** Adds one value to the current position. */
  append(v: Value): void {
    if (this.count === this.values.length) this.grow();
    this.values[this.count++] = v;
  }

  /** Closes the current position (null if it got no value). */
  endPosition(): void {
    const start = this.offsets[this.position];
    const n = this.count - start;
    if (n === 0) this.anyNull = true;
    else if (n > 1) this.multi = true;
    this.offsets[++this.position] = this.count;
  }

  appendNull(): void {
    this.endPosition();
  }

  /** Drops the values appended to the current position (a kernel failed half-way). */
  discardPosition(): void {
    this.count = this.offsets[this.position];
  }

  /** Values appended to the position being built so far. */
  currentCount(): number {
    return this.count - this.offsets[this.position];
  }

  build(): Block {
    const n = this.positionCount;
    if (this.type === 'null') return constantNullBlock('null', n);
    let nulls: Uint8Array | undefined;
    if (this.anyNull) {
      nulls = new Uint8Array(n);
      for (let p = 0; p < n; p++) if (this.offsets[p + 1] === this.offsets[p]) nulls[p] = 1;
    }
    if (this.multi) {
      const values = sliceValues(this.raw, this.count);
      return nulls === undefined
        ? { type: this.type, positionCount: n, values, firstValueIndexes: this.offsets }
        : { type: this.type, positionCount: n, values, firstValueIndexes: this.offsets, nulls };
    }
    if (nulls === undefined) return { type: this.type, positionCount: n, values: sliceValues(this.raw, n) };
    // Single-valued with nulls: scatter so that values[p] is position p's value.
    const out = emptyValues(this.type, n);
    const w = writable(out);
    for (let p = 0; p < n; p++) if (nulls[p] === 0) w[p] = this.values[this.offsets[p]];
    return { type: this.type, positionCount: n, values: out, nulls };
  }

  private grow(): void {
    const next = emptyValues(this.type, this.values.length * 2);
    const w = writable(next);
    for (let i = 0; i < this.count; i++) w[i] = this.values[i];
    this.raw = next;
    this.values = w;
  }
}

function sliceValues(v: BlockValues, length: number): BlockValues {
  if (v === null) return null;
  if (v.length === length) return v;
  return v.slice(0, length);
}
