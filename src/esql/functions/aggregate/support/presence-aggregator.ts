import type { Block } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { growUint8, maxGroupId } from './growable.js';

/**
 * PRESENT / ABSENT: whether a group saw at least one non-null value. Never null: a group without
 * rows is "absent" (PRESENT false, ABSENT true), as ES.
 */
export class PresenceAggregator implements GroupingAggregator {
  private present = new Uint8Array(0);

  /** `absent`: report the negation (ABSENT). */
  constructor(private readonly absent: boolean) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    this.present = growUint8(this.present, maxGroupId(groupIds, positionCount) + 1);
    const block = inputs[0];
    if (block.type === 'null') return;
    const nulls = block.nulls;
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g >= 0 && (nulls === undefined || nulls[p] === 0)) this.present[g] = 1;
    }
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('boolean', groupCount);
    for (let g = 0; g < groupCount; g++) {
      const seen = g < this.present.length && this.present[g] === 1;
      b.appendBoolean(this.absent ? !seen : seen);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.present.byteLength;
  }
}
