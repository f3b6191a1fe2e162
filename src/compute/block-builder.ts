import { type Block, type BlockValues } from './block.js';
import type { DataType } from './data-type.js';

/** A JS value as it goes into / comes out of a Block (raw physical form, no wire formatting). */
export type Scalar = number | bigint | string | boolean;

type Growable = Int32Array | Float64Array | BigUint64Array | Uint8Array;

/**
 * Appends positions one by one and builds an immutable Block. Single values go through the typed
 * `appendXxx` methods; a multi-value is `beginPositionEntry()`, several appends, `endPositionEntry()`
 * (an entry with no value is a null, with one value a plain position).
 *
 * The builder stays in the cheap single-valued layout (one slot per position, nulls hold a placeholder)
 * until the first real multi-value arrives, then converts once to the offsets layout. `build()` copies,
 * so the builder can keep appending afterwards (STATS snapshots rely on that).
 */
export class BlockBuilder {
  private typed: Growable | null = null;
  private strings: string[] | null = null;
  private valueCount = 0;
  private positions = 0;
  private nulls: Uint8Array | null = null;
  private nullSeen = false;
  private fvi: Int32Array | null = null;
  private entryStart = -1;
  private sorted = false;

  constructor(
    readonly type: DataType,
    initialCapacity = 16,
  ) {
    const cap = Math.max(4, initialCapacity);
    const v = allocValues(type, cap);
    if (Array.isArray(v)) this.strings = [];
    else this.typed = v;
  }

  get positionCount(): number {
    return this.positions;
  }

  /** Mark the built block's multi-values as sorted (e.g. copied from an `mvSorted` block). */
  markMvSorted(sorted: boolean): this {
    this.sorted = sorted;
    return this;
  }

  appendNull(): this {
    if (this.entryStart >= 0) throw new Error('appendNull inside a position entry');
    this.setNull(this.positions);
    if (this.fvi === null) this.pushPlaceholder();
    this.endPosition();
    return this;
  }

  /** integer, long, double, datetime; boolean as 0/1. */
  appendNumber(v: number): this {
    const t = this.typed as Growable;
    if (this.valueCount === t.length) this.grow();
    (this.typed as Float64Array)[this.valueCount++] = v;
    if (this.entryStart < 0) this.endPosition();
    return this;
  }

  appendBoolean(v: boolean): this {
    return this.appendNumber(v ? 1 : 0);
  }

  appendBigInt(v: bigint): this {
    const t = this.typed as BigUint64Array;
    if (this.valueCount === t.length) this.grow();
    (this.typed as BigUint64Array)[this.valueCount++] = v;
    if (this.entryStart < 0) this.endPosition();
    return this;
  }

  appendString(v: string): this {
    (this.strings as string[])[this.valueCount++] = v;
    if (this.entryStart < 0) this.endPosition();
    return this;
  }

  /** Append any scalar, converting to the physical kind of this builder's type. */
  appendScalar(v: Scalar): this {
    if (this.strings !== null) return this.appendString(String(v));
    if (this.typed instanceof BigUint64Array) return this.appendBigInt(BigInt(v));
    if (this.typed === null) throw new Error('cannot append a value to a null block');
    return this.appendNumber(typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
  }

  /** Append the value at `valueIndex` of `values` (same physical kind) as one value. */
  appendValueFrom(values: BlockValues, valueIndex: number): this {
    if (this.strings !== null) return this.appendString((values as string[])[valueIndex]);
    if (this.typed instanceof BigUint64Array) return this.appendBigInt((values as BigUint64Array)[valueIndex]);
    return this.appendNumber((values as Float64Array)[valueIndex]);
  }

  /** Copy position `p` of `block` (null, single or multi-valued) as the next position. */
  copyPosition(block: Block, p: number): this {
    if (block.nulls !== undefined && block.nulls[p] === 1) return this.appendNull();
    const f = block.firstValueIndexes;
    if (f === undefined) return this.appendValueFrom(block.values, p);
    const start = f[p];
    const end = f[p + 1];
    if (end - start === 1) return this.appendValueFrom(block.values, start);
    this.beginPositionEntry();
    for (let i = start; i < end; i++) this.appendValueFrom(block.values, i);
    return this.endPositionEntry();
  }

  beginPositionEntry(): this {
    if (this.entryStart >= 0) throw new Error('position entry already open');
    this.entryStart = this.valueCount;
    return this;
  }

  endPositionEntry(): this {
    const start = this.entryStart;
    if (start < 0) throw new Error('no open position entry');
    this.entryStart = -1;
    const n = this.valueCount - start;
    if (n === 0) return this.appendNull();
    if (n > 1 && this.fvi === null) this.toMultiValued(start);
    this.endPosition();
    return this;
  }

  build(): Block {
    if (this.entryStart >= 0) throw new Error('build() with an open position entry');
    const positionCount = this.positions;
    let nulls: Uint8Array | undefined;
    if (this.nullSeen) {
      // The bitmap only grows when a null is appended, so it may be shorter than positionCount.
      const src = this.nulls as Uint8Array;
      nulls = new Uint8Array(positionCount);
      nulls.set(src.subarray(0, Math.min(src.length, positionCount)));
    }
    const values = this.copyValues();
    if (this.fvi === null) return withOptional({ type: this.type, positionCount, values }, nulls, undefined, false);
    const fvi = this.fvi.slice(0, positionCount + 1);
    return withOptional({ type: this.type, positionCount, values }, nulls, fvi, this.sorted);
  }

  private copyValues(): BlockValues {
    if (this.type === 'null') return null;
    if (this.strings !== null) return this.strings.slice(0, this.valueCount);
    return (this.typed as Growable).slice(0, this.valueCount);
  }

  private endPosition(): void {
    this.positions++;
    const f = this.fvi;
    if (f === null) return;
    if (this.positions + 1 > f.length) {
      const g = new Int32Array(f.length * 2);
      g.set(f);
      this.fvi = g;
    }
    (this.fvi as Int32Array)[this.positions] = this.valueCount;
  }

  private setNull(p: number): void {
    if (this.nulls === null) this.nulls = new Uint8Array(Math.max(16, p * 2));
    else if (p >= this.nulls.length) {
      const g = new Uint8Array(Math.max(p + 1, this.nulls.length * 2));
      g.set(this.nulls);
      this.nulls = g;
    }
    this.nulls[p] = 1;
    this.nullSeen = true;
  }

  private pushPlaceholder(): void {
    if (this.strings !== null) this.strings[this.valueCount++] = '';
    else if (this.typed !== null) {
      if (this.valueCount === this.typed.length) this.grow();
      if (this.typed instanceof BigUint64Array) this.typed[this.valueCount] = 0n;
      else (this.typed as Float64Array)[this.valueCount] = 0;
      this.valueCount++;
    }
  }

  /**
   * Switch to the offsets layout once: positions so far had one slot each (nulls a placeholder,
   * which the offsets layout drops), values from `entryStart` belong to the open entry.
   */
  private toMultiValued(entryStart: number): void {
    const fvi = new Int32Array(Math.max(16, (this.positions + 2) * 2));
    const nulls = this.nulls;
    let w = 0;
    for (let p = 0; p < this.positions; p++) {
      fvi[p] = w;
      if (nulls !== null && p < nulls.length && nulls[p] === 1) continue;
      if (w !== p) this.moveValue(p, w);
      w++;
    }
    fvi[this.positions] = w;
    for (let r = entryStart; r < this.valueCount; r++) this.moveValue(r, w + (r - entryStart));
    this.valueCount = w + (this.valueCount - entryStart);
    this.fvi = fvi;
  }

  private moveValue(from: number, to: number): void {
    if (this.strings !== null) this.strings[to] = this.strings[from];
    else if (this.typed !== null) (this.typed as unknown as number[])[to] = (this.typed as unknown as number[])[from];
  }

  private grow(): void {
    const t = this.typed as Growable;
    const g = allocValues(this.type, t.length * 2) as Growable;
    (g as Float64Array).set(t as Float64Array);
    this.typed = g;
  }
}

function allocValues(type: DataType, n: number): BlockValues {
  switch (type) {
    case 'boolean':
      return new Uint8Array(n);
    case 'integer':
      return new Int32Array(n);
    case 'long':
    case 'double':
    case 'datetime':
      return new Float64Array(n);
    case 'unsigned_long':
      return new BigUint64Array(n);
    case 'null':
      return new Uint8Array(0);
    default:
      return [];
  }
}

function withOptional(
  b: { type: DataType; positionCount: number; values: BlockValues },
  nulls: Uint8Array | undefined,
  fvi: Int32Array | undefined,
  mvSorted: boolean,
): Block {
  const out: { -readonly [K in keyof Block]: Block[K] } = b;
  if (b.type === 'null') {
    out.nulls = new Uint8Array(b.positionCount).fill(1);
    return out;
  }
  if (nulls !== undefined) out.nulls = nulls;
  if (fvi !== undefined) {
    out.firstValueIndexes = fvi;
    if (mvSorted) out.mvSorted = true;
  }
  return out;
}

/** Build a block from JS values: a scalar per position, an array for a multi-value, null for null. */
export function blockFromValues(type: DataType, values: readonly (Scalar | readonly Scalar[] | null)[]): Block {
  const b = new BlockBuilder(type, values.length);
  for (const v of values) {
    if (v === null || type === 'null') b.appendNull();
    else if (Array.isArray(v)) {
      b.beginPositionEntry();
      for (const x of v as readonly Scalar[]) b.appendScalar(x);
      b.endPositionEntry();
    } else b.appendScalar(v as Scalar);
  }
  return b.build();
}

/** The raw JS value at `valueIndex` (booleans as true/false). */
export function valueAt(block: Block, valueIndex: number): Scalar {
  if (block.type === 'boolean') return (block.values as Uint8Array)[valueIndex] === 1;
  return (block.values as ArrayLike<Scalar>)[valueIndex];
}

/** Position `p` as a JS value: null, a scalar, or an array for a multi-value. */
export function positionValue(block: Block, p: number): Scalar | Scalar[] | null {
  if (block.nulls !== undefined && block.nulls[p] === 1) return null;
  if (block.type === 'null') return null;
  const f = block.firstValueIndexes;
  if (f === undefined) return valueAt(block, p);
  const start = f[p];
  const end = f[p + 1];
  if (end - start === 1) return valueAt(block, start);
  const out: Scalar[] = [];
  for (let i = start; i < end; i++) out.push(valueAt(block, i));
  return out;
}

/** Every position as JS values (tests, ROW, small results). */
export function blockToValues(block: Block): (Scalar | Scalar[] | null)[] {
  const out = new Array<Scalar | Scalar[] | null>(block.positionCount);
  for (let p = 0; p < block.positionCount; p++) out[p] = positionValue(block, p);
  return out;
}

export { filterBlock, sliceBlock } from './block-filter.js';
