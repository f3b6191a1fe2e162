import type { Block } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { forEachNumber, forEachValueIndex } from './for-each-value.js';
import { growArray, growFloat64, growInt32, maxGroupId } from './growable.js';
import { stringComparator } from './string-order.js';

/**
 * TOP(field, limit, order): per group the `limit` best values, duplicates kept, best first.
 * Group g owns slots `g*limit .. g*limit+sizes[g])` of one flat array, kept sorted by insertion.
 */
abstract class TopAggregator<V> implements GroupingAggregator {
  protected sizes = new Int32Array(0);

  constructor(
    protected readonly outputType: DataType,
    protected readonly limit: number,
    /** +1 for ascending (smallest first), -1 for descending. */
    protected readonly direction: 1 | -1,
  ) {}

  protected abstract ensureSlots(slots: number): void;
  protected abstract slot(i: number): V;
  protected abstract setSlot(i: number, v: V): void;
  protected abstract compare(a: V, b: V): number;
  protected abstract feed(block: Block, groupIds: Int32Array, positionCount: number): void;
  protected abstract append(b: BlockBuilder, v: V): void;
  abstract estimatedBytes(): number;

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const groups = maxGroupId(groupIds, positionCount) + 1;
    this.sizes = growInt32(this.sizes, groups);
    this.ensureSlots(this.sizes.length * this.limit);
    if (inputs[0].type === 'null') return;
    this.feed(inputs[0], groupIds, positionCount);
  }

  protected offer(g: number, v: V): void {
    const base = g * this.limit;
    let n = this.sizes[g];
    if (n === this.limit) {
      // Full: only a strictly better value gets in, and the worst one drops out.
      if (this.compare(v, this.slot(base + n - 1)) * this.direction >= 0) return;
      n--;
    }
    let i = n;
    while (i > 0 && this.compare(v, this.slot(base + i - 1)) * this.direction < 0) {
      this.setSlot(base + i, this.slot(base + i - 1));
      i--;
    }
    this.setSlot(base + i, v);
    this.sizes[g] = n + 1;
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder(this.outputType, groupCount);
    for (let g = 0; g < groupCount; g++) {
      const n = g < this.sizes.length ? this.sizes[g] : 0;
      if (n === 0) {
        b.appendNull();
        continue;
      }
      b.beginPositionEntry();
      for (let i = 0; i < n; i++) this.append(b, this.slot(g * this.limit + i));
      b.endPositionEntry();
    }
    return b.build();
  }
}

/** integer, long, double, datetime and boolean (0/1). */
class NumericTop extends TopAggregator<number> {
  private slots = new Float64Array(0);
  private readonly sink = (g: number, v: number): void => this.offer(g, v);

  protected ensureSlots(n: number): void {
    this.slots = growFloat64(this.slots, n);
  }
  protected slot(i: number): number {
    return this.slots[i];
  }
  protected setSlot(i: number, v: number): void {
    this.slots[i] = v;
  }
  protected compare(a: number, b: number): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  protected feed(block: Block, groupIds: Int32Array, positionCount: number): void {
    forEachNumber(block, groupIds, positionCount, this.sink);
  }
  protected append(b: BlockBuilder, v: number): void {
    b.appendNumber(v);
  }
  estimatedBytes(): number {
    return this.slots.byteLength + this.sizes.byteLength;
  }
}

/** keyword, text (reported as keyword) and ip, in their own order. */
class StringTop extends TopAggregator<string> {
  private slots: string[] = [];
  private values: string[] = [];
  private readonly comparator: (a: string, b: string) => number;
  private readonly sink = (g: number, i: number): void => this.offer(g, this.values[i]);

  constructor(inputType: DataType, limit: number, direction: 1 | -1) {
    super(inputType === 'text' ? 'keyword' : inputType, limit, direction);
    this.comparator = stringComparator(inputType);
  }

  protected ensureSlots(n: number): void {
    growArray(this.slots, n, '');
  }
  protected slot(i: number): string {
    return this.slots[i];
  }
  protected setSlot(i: number, v: string): void {
    this.slots[i] = v;
  }
  protected compare(a: string, b: string): number {
    return this.comparator(a, b);
  }
  protected feed(block: Block, groupIds: Int32Array, positionCount: number): void {
    this.values = block.values as string[];
    forEachValueIndex(block, groupIds, positionCount, this.sink);
  }
  protected append(b: BlockBuilder, v: string): void {
    b.appendString(v);
  }
  estimatedBytes(): number {
    let bytes = this.sizes.byteLength + this.slots.length * 8;
    for (const s of this.slots) bytes += s.length * 2;
    return bytes;
  }
}

export function topAggregator(type: DataType, limit: number, ascending: boolean): GroupingAggregator {
  const direction = ascending ? 1 : -1;
  if (type === 'keyword' || type === 'text' || type === 'ip') return new StringTop(type, limit, direction);
  return new NumericTop(type, limit, direction);
}
