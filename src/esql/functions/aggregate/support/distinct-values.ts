import type { Block } from '../../../../compute/block.js';
import { forEachValueIndex } from './for-each-value.js';
import { growArray, maxGroupId } from './growable.js';

/** One value as read from a block: number (numeric, date, boolean 0/1), bigint (unsigned_long) or string. */
export type RawValue = number | bigint | string;

/**
 * The distinct values of each group, in first-seen order (a Set per group: the per-group state of
 * VALUES and COUNT_DISTINCT is a set by nature). Groups that never saw a value stay undefined.
 */
export class DistinctValues {
  private sets: (Set<RawValue> | undefined)[] = [];
  private bytes = 0;
  private values: ArrayLike<RawValue> = [];
  private readonly sink = (g: number, i: number): void => {
    let set = this.sets[g];
    if (set === undefined) {
      set = new Set();
      this.sets[g] = set;
      this.bytes += 64;
    }
    const v = this.values[i];
    if (set.has(v)) return;
    set.add(v);
    this.bytes += typeof v === 'string' ? 16 + v.length * 2 : 16;
  };

  add(groupIds: Int32Array, block: Block, positionCount: number): void {
    growArray(this.sets, maxGroupId(groupIds, positionCount) + 1, undefined);
    if (block.type === 'null' || block.values === null) return;
    this.values = block.values;
    forEachValueIndex(block, groupIds, positionCount, this.sink);
  }

  of(g: number): ReadonlySet<RawValue> | undefined {
    return g < this.sets.length ? this.sets[g] : undefined;
  }

  estimatedBytes(): number {
    return this.bytes + this.sets.length * 8;
  }
}
