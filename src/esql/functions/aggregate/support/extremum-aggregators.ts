import type { Block } from '../../../../compute/block.js';
import { constantNullBlock } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { forEachNumber, forEachValueIndex } from './for-each-value.js';
import { growArray, growBigUint64, growFloat64, growUint8, maxGroupId } from './growable.js';
import { isStringBacked, stringComparator } from './string-order.js';

/** +1 keeps the largest value (MAX), -1 the smallest (MIN). */
export type Direction = 1 | -1;

/** MIN/MAX of numbers, dates and booleans (0/1), in a Float64Array per group. */
class NumericExtremum implements GroupingAggregator {
  private best = new Float64Array(0);
  private seen = new Uint8Array(0);
  private readonly sink = (g: number, v: number): void => {
    if (this.seen[g] === 0 || (this.direction === 1 ? v > this.best[g] : v < this.best[g])) {
      this.best[g] = v;
      this.seen[g] = 1;
    }
  };

  constructor(
    private readonly type: DataType,
    private readonly direction: Direction,
  ) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const n = maxGroupId(groupIds, positionCount) + 1;
    this.best = growFloat64(this.best, n);
    this.seen = growUint8(this.seen, n);
    forEachNumber(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder(this.type, groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (g < this.seen.length && this.seen[g] === 1) b.appendNumber(this.best[g]);
      else b.appendNull();
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.best.byteLength + this.seen.byteLength;
  }
}

/** MIN/MAX of unsigned_long, kept exact in a BigUint64Array. */
class UnsignedLongExtremum implements GroupingAggregator {
  private best = new BigUint64Array(0);
  private seen = new Uint8Array(0);
  private values: BigUint64Array = new BigUint64Array(0);
  private readonly sink = (g: number, i: number): void => {
    const v = this.values[i];
    if (this.seen[g] === 0 || (this.direction === 1 ? v > this.best[g] : v < this.best[g])) {
      this.best[g] = v;
      this.seen[g] = 1;
    }
  };

  constructor(private readonly direction: Direction) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const n = maxGroupId(groupIds, positionCount) + 1;
    this.best = growBigUint64(this.best, n);
    this.seen = growUint8(this.seen, n);
    if (inputs[0].type === 'null') return;
    this.values = inputs[0].values as BigUint64Array;
    forEachValueIndex(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('unsigned_long', groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (g < this.seen.length && this.seen[g] === 1) b.appendBigInt(this.best[g]);
      else b.appendNull();
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.best.byteLength + this.seen.byteLength;
  }
}

/** MIN/MAX of keyword, text (reported as keyword), ip and version, in each type's own order. */
class StringExtremum implements GroupingAggregator {
  private best: (string | null)[] = [];
  private readonly compare: (a: string, b: string) => number;
  private values: string[] = [];
  private readonly sink = (g: number, i: number): void => {
    const v = this.values[i];
    const current = this.best[g];
    if (current === null || this.compare(v, current) * this.direction > 0) this.best[g] = v;
  };

  constructor(
    private readonly type: DataType,
    private readonly direction: Direction,
  ) {
    this.compare = stringComparator(type);
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    growArray(this.best, maxGroupId(groupIds, positionCount) + 1, null);
    if (inputs[0].type === 'null') return;
    this.values = inputs[0].values as string[];
    forEachValueIndex(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder(this.type === 'text' ? 'keyword' : this.type, groupCount);
    for (let g = 0; g < groupCount; g++) {
      const v = g < this.best.length ? this.best[g] : null;
      if (v === null) b.appendNull();
      else b.appendString(v);
    }
    return b.build();
  }

  estimatedBytes(): number {
    let bytes = this.best.length * 8;
    for (const s of this.best) if (s !== null) bytes += s.length * 2;
    return bytes;
  }
}

/** Only nulls (`MIN(null)`): the result is null in every group. */
class NullExtremum implements GroupingAggregator {
  add(): void {}
  evaluate(groupCount: number): Block {
    return constantNullBlock('null', groupCount);
  }
  estimatedBytes(): number {
    return 0;
  }
}

export function extremumAggregator(type: DataType, direction: Direction): GroupingAggregator {
  if (type === 'null') return new NullExtremum();
  if (type === 'unsigned_long') return new UnsignedLongExtremum(direction);
  if (isStringBacked(type)) return new StringExtremum(type, direction);
  return new NumericExtremum(type, direction);
}

/** Types MIN and MAX accept. */
export const isOrderedType = (t: string): boolean =>
  t === 'boolean' ||
  t === 'integer' ||
  t === 'long' ||
  t === 'unsigned_long' ||
  t === 'double' ||
  t === 'datetime' ||
  t === 'keyword' ||
  t === 'text' ||
  t === 'ip' ||
  t === 'version';
