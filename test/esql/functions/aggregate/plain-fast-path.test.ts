import { describe, expect, it } from 'vitest';
import type { Block } from '../../../../src/compute/block.js';
import type { DataType } from '../../../../src/compute/data-type.js';
import { block, build, context, feed, field } from './helpers.js';

/** The same column with an all-zero null bitmap: not plain, so it takes the per-value path. */
const withNullBitmap = (b: Block): Block => ({ ...b, nulls: new Uint8Array(b.positionCount) });

// Values that exercise Kahan compensation, safe-integer overflow into bigint and long overflow.
const CASES: { type: DataType; values: number[] }[] = [
  { type: 'double', values: [0.1, 0.2, 0.3, 1e16, 1, -1e16, Infinity, 2.5, -0.7, 3.3] },
  { type: 'long', values: [2 ** 62, 2 ** 62, 2 ** 62, 5, 2 ** 53, 1, -1, 7, 2 ** 63, -3] },
  { type: 'integer', values: [1, -2, 3, 2147483647, 2147483647, 9, -9, 0, 4, 5] },
];
const GROUPS = [0, 0, 0, 1, 2, 2, -1, 1, 3, 3];

describe('SUM / AVG on single-valued, null-free input (typed-array fast path)', () => {
  for (const name of ['sum', 'avg']) {
    for (const { type, values } of CASES) {
      it(`${name}(${type}) gives the per-value path's results and warnings`, () => {
        const col = block(type, values);
        const run = (b: Block) => {
          const ctx = context(`${name}(x)`);
          const { aggregator } = build(name, [field(type)], ctx);
          // Two batches, so state carries over between pages as in a real pipeline.
          const out = feed(
            aggregator,
            [
              { groups: GROUPS.slice(0, 5), columns: [sliceOf(b, 0, 5)] },
              { groups: GROUPS.slice(5), columns: [sliceOf(b, 5, 10)] },
            ],
            4,
          );
          return { out, warnings: ctx.warnings.list() };
        };
        expect(run(col)).toEqual(run(withNullBitmap(col)));
      });
    }
  }
});

function sliceOf(b: Block, from: number, to: number): Block {
  const values = (b.values as Float64Array | Int32Array).slice(from, to);
  const nulls = b.nulls?.slice(from, to);
  return nulls === undefined ? { type: b.type, positionCount: to - from, values } : { type: b.type, positionCount: to - from, values, nulls };
}
