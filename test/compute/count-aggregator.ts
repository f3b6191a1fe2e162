import type { Block } from '../../src/compute/block.js';
import type { GroupingAggregator } from '../../src/compute/grouping-aggregator.js';

/**
 * A minimal COUNT for tests: with no input it counts rows (COUNT(*)); with one input it counts the
 * values of that block (nulls 0, multi-values several), as ES COUNT(x) does.
 */
export class CountAggregator implements GroupingAggregator {
  private counts = new Float64Array(8);

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const input = inputs[0];
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0) continue;
      if (g >= this.counts.length) this.grow(g + 1);
      let n = 1;
      if (input !== undefined) {
        const f = input.firstValueIndexes;
        if (input.nulls?.[p] === 1 || input.values === null) n = 0;
        else if (f !== undefined) n = f[p + 1] - f[p];
      }
      this.counts[g] += n;
    }
  }

  evaluate(groupCount: number): Block {
    const values = new Float64Array(groupCount);
    values.set(this.counts.subarray(0, Math.min(groupCount, this.counts.length)));
    return { type: 'long', positionCount: groupCount, values };
  }

  estimatedBytes(): number {
    return this.counts.byteLength;
  }

  private grow(n: number): void {
    const g = new Float64Array(Math.max(n, this.counts.length * 2));
    g.set(this.counts);
    this.counts = g;
  }
}
