import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import { blockToValues } from '../../src/compute/block-builder.js';
import type { DataType } from '../../src/compute/data-type.js';
import { HashAggregationOperator } from '../../src/compute/hash-aggregation-operator.js';
import { addPlainSumsTogether } from '../../src/compute/plain-sums.js';
import { block, build, context, field } from '../esql/functions/aggregate/helpers.js';
import { drive, pageOf, rowsOf, testContext } from './helpers.js';

// Values that exercise Kahan compensation and non-finite steps, the safe-integer limit of long sums
// (the bigint path) and long overflow (null plus a warning).
const VALUES: Record<'double' | 'long' | 'integer', number[]> = {
  double: [1e16, 1, 0.1, 1e16, 1, -1e16, Infinity, 2.5, -0.7, 1, 1e308, 1e308],
  long: [5, 2 ** 52, 7, 2 ** 52, 1, -1, 2 ** 62, 2 ** 62, -3, 4, 2 ** 62, 2 ** 62],
  integer: [1, -2, 3, 2147483647, 2147483647, 9, -9, 0, 4, 5, 6, 7],
};
const GROUPS = [0, 0, 1, 2, 2, -1, 1, 3, 3, 0, 1, 2];
const SUMS: { name: string; type: DataType }[] = [
  { name: 'sum', type: 'double' },
  { name: 'sum', type: 'long' },
  { name: 'sum', type: 'integer' },
  { name: 'avg', type: 'double' },
  { name: 'avg', type: 'long' },
];

const columnOf = (type: DataType): Block => block(type, VALUES[type as keyof typeof VALUES]);
const slice = (b: Block, from: number, to: number): Block => ({
  type: b.type,
  positionCount: to - from,
  values: (b.values as Float64Array | Int32Array).slice(from, to),
});

let fusedPages = 0;

/** Two pages through the pair, fused or each on its own; the evaluated groups and the warnings. */
function run(a: (typeof SUMS)[number], b: (typeof SUMS)[number], fused: boolean) {
  const ctx = context('sums(x)');
  const first = build(a.name, [field(a.type)], ctx).aggregator;
  const second = build(b.name, [field(b.type)], ctx).aggregator;
  const ac = columnOf(a.type);
  const bc = columnOf(b.type);
  for (const [from, to] of [
    [0, 7],
    [7, 12],
  ]) {
    const ids = Int32Array.from(GROUPS.slice(from, to));
    const [as, bs] = [slice(ac, from, to), slice(bc, from, to)];
    // As the operator does: fused when both offer their state (a long sum past 2^53 does not).
    const pa = fused ? (first.plainSum?.(as, 4) ?? null) : null;
    const pb = fused ? (second.plainSum?.(bs, 4) ?? null) : null;
    if (pa !== null && pb !== null) {
      fusedPages++;
      addPlainSumsTogether(ids, to - from, pa, as.values as Float64Array, pb, bs.values as Float64Array);
    } else {
      first.add(ids, [as], to - from, 4);
      second.add(ids, [bs], to - from, 4);
    }
  }
  return { a: blockToValues(first.evaluate(4)), b: blockToValues(second.evaluate(4)), warnings: ctx.warnings.list() };
}


describe('addPlainSumsTogether', () => {
  for (const a of SUMS) {
    for (const b of SUMS) {
      it(`${a.name}(${a.type}) with ${b.name}(${b.type}) gives what two separate passes give`, () => {
        fusedPages = 0;
        expect(run(a, b, true)).toEqual(run(a, b, false));
        expect(fusedPages).toBeGreaterThan(0);
      });
    }
  }

  it('a long sum past the safe-integer range is not offered for fusion, and still sums exactly', () => {
    const { aggregator } = build('sum', [field('long')]);
    const big = block('long', [2 ** 53, 2]);
    aggregator.add(Int32Array.from([0, 0]), [big], 2, 1);
    expect(aggregator.plainSum?.(big, 1)).toBeNull();
    expect(blockToValues(aggregator.evaluate(1))).toEqual([2 ** 53 + 2]);
  });
});

describe('HashAggregationOperator with several sums', () => {
  it('gives each aggregate what it gives alone, whether paired, odd one out or filtered', () => {
    const ints = VALUES.integer;
    const page = (from: number, to: number) =>
      pageOf(
        ['integer', GROUPS.slice(from, to).map((g) => Math.abs(g))],
        ['double', VALUES.double.slice(from, to)],
        ['long', VALUES.long.slice(from, to)],
        ['integer', ints.slice(from, to)],
        ['boolean', ints.slice(from, to).map((v) => v % 2 === 0)],
      );
    const pages = [page(0, 7), page(7, 12)];
    const specs = [
      { name: 'avg', type: 'double' as DataType, channel: 1 },
      { name: 'sum', type: 'long' as DataType, channel: 2 },
      { name: 'sum', type: 'integer' as DataType, channel: 3, filter: 4 },
      { name: 'sum', type: 'double' as DataType, channel: 1 },
      { name: 'avg', type: 'long' as DataType, channel: 2 },
    ];
    const aggregate = (chosen: typeof specs) => {
      const ctx = context('sums(x)');
      const op = new HashAggregationOperator(
        testContext(),
        [{ channel: 0, type: 'integer' }],
        chosen.map((s) => ({
          aggregator: build(s.name, [field(s.type)], ctx).aggregator,
          inputChannels: [s.channel],
          ...(s.filter === undefined ? {} : { filterChannel: s.filter }),
        })),
      );
      return { rows: rowsOf(drive(op, pages)), warnings: ctx.warnings.list() };
    };
    const together = aggregate(specs);
    const alone = specs.map((s) => aggregate([s]));
    expect(together.rows).toEqual(alone[0].rows.map((row, r) => [...row, ...alone.slice(1).map((one) => one.rows[r][1])]));
    expect(together.warnings).toEqual(alone.flatMap((one) => one.warnings));
  });
});
