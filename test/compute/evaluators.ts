import { BlockBuilder } from '../../src/compute/block-builder.js';
import type { BlockEvaluator } from '../../src/compute/block-evaluator.js';
import type { Block } from '../../src/compute/block.js';
import type { Page } from '../../src/compute/page.js';

/** `channel > threshold` on a single- or multi-valued numeric channel; multi-values give null (as ES). */
export function greaterThan(channel: number, threshold: number): BlockEvaluator {
  return {
    eval(page: Page): Block {
      const b = page.blocks[channel];
      const out = new BlockBuilder('boolean', page.positionCount);
      for (let p = 0; p < page.positionCount; p++) {
        const f = b.firstValueIndexes;
        if (b.nulls?.[p] === 1 || (f !== undefined && f[p + 1] - f[p] !== 1)) out.appendNull();
        else out.appendNumber((b.values as Float64Array)[f === undefined ? p : f[p]] > threshold ? 1 : 0);
      }
      return out.build();
    },
    toString: () => `GreaterThanEvaluator[ch${channel}, ${threshold}]`,
  };
}

/** `channel * factor` for single-valued numeric channels, as a double. */
export function times(channel: number, factor: number): BlockEvaluator {
  return {
    eval(page: Page): Block {
      const b = page.blocks[channel];
      const out = new BlockBuilder('double', page.positionCount);
      for (let p = 0; p < page.positionCount; p++) {
        if (b.nulls?.[p] === 1) out.appendNull();
        else out.appendNumber((b.values as Float64Array)[p] * factor);
      }
      return out.build();
    },
    toString: () => `MulEvaluator[ch${channel}, ${factor}]`,
  };
}
