import { describe, expect, it } from 'vitest';
import {
  type AggregatorSpec,
  HashAggregationOperator,
  HashAggregationOperatorFactory,
} from '../../src/compute/hash-aggregation-operator.js';
import type { GroupKey } from '../../src/compute/block-hash.js';
import { CountAggregator } from './count-aggregator.js';
import { drive, intPages, pageOf, rowsOf, testContext } from './helpers.js';
import { operatorContract } from './operator-contract.js';

operatorContract({
  name: 'HashAggregation (no groups)',
  factory: () => new HashAggregationOperatorFactory([], [{ create: () => new CountAggregator(), inputChannels: [], name: 'count(*)' }]),
  description: 'HashAggregationOperator[groups = [], aggregators = [count(*)]]',
  input: () => intPages(20, 7),
  outputWithNoInput: 1,
});
operatorContract({
  name: 'HashAggregation (grouped)',
  factory: () =>
    new HashAggregationOperatorFactory(
      [{ channel: 0, type: 'integer' }],
      [{ create: () => new CountAggregator(), inputChannels: [1], filterChannel: 2, name: 'count(x) where y' }],
    ),
  description: 'HashAggregationOperator[groups = [0:integer], aggregators = [count(x) where y]]',
  input: () => [pageOf(['integer', [1, 2, 1]], ['long', [5, null, 6]], ['boolean', [true, true, false]])],
});

const count = (inputChannels: number[] = [], filterChannel?: number): AggregatorSpec =>
  filterChannel === undefined
    ? { aggregator: new CountAggregator(), inputChannels }
    : { aggregator: new CountAggregator(), inputChannels, filterChannel };

const agg = (groups: GroupKey[], aggs: AggregatorSpec[]) => new HashAggregationOperator(testContext(), groups, aggs);

describe('HashAggregationOperator', () => {
  it('STATS without BY outputs exactly one row, even with no input', () => {
    expect(rowsOf(drive(agg([], [count()]), []))).toEqual([[0]]);
    expect(rowsOf(drive(agg([], [count(), count([0])]), [pageOf(['integer', [1, null, [2, 3]]])]))).toEqual([[3, 3]]);
  });

  it('groups a single keyword key in first-seen order, null being its own group', () => {
    const pages = [pageOf(['keyword', ['b', 'a', null, 'b']]), pageOf(['keyword', [null, 'c', 'a', 'b']])];
    expect(rowsOf(drive(agg([{ channel: 0, type: 'keyword' }], [count()]), pages))).toEqual([
      ['b', 3],
      ['a', 2],
      [null, 2],
      ['c', 1],
    ]);
  });

  it('groups numeric keys, including booleans, doubles and unsigned_long', () => {
    const page = pageOf(['double', [1.5, 2, 1.5]], ['boolean', [true, false, true]], ['unsigned_long', [1n, 18446744073709551615n, 1n]]);
    expect(rowsOf(drive(agg([{ channel: 0, type: 'double' }], [count()]), [page]))).toEqual([
      [1.5, 2],
      [2, 1],
    ]);
    expect(rowsOf(drive(agg([{ channel: 1, type: 'boolean' }], [count()]), [page]))).toEqual([
      [true, 2],
      [false, 1],
    ]);
    expect(rowsOf(drive(agg([{ channel: 2, type: 'unsigned_long' }], [count()]), [page]))).toEqual([
      [1n, 2],
      [18446744073709551615n, 1],
    ]);
  });

  it('sends a row with a multi-valued key to the group of each distinct value', () => {
    const page = pageOf(['keyword', [['a', 'b'], 'a', ['c', 'c'], null]], ['integer', [10, 20, 30, 40]]);
    expect(rowsOf(drive(agg([{ channel: 0, type: 'keyword' }], [count(), count([1])]), [page]))).toEqual([
      ['a', 2, 2],
      ['b', 1, 1],
      ['c', 1, 1],
      [null, 1, 1],
    ]);
  });

  it('groups composite keys, with the cartesian product for multi-values', () => {
    const page = pageOf(
      ['keyword', ['x', 'x', 'y', 'x', null]],
      ['integer', [1, 1, 1, [1, 2], null]],
    );
    const out = rowsOf(drive(agg([{ channel: 0, type: 'keyword' }, { channel: 1, type: 'integer' }], [count()]), [page]));
    expect(out).toEqual([
      ['x', 1, 3],
      ['y', 1, 1],
      ['x', 2, 1],
      [null, null, 1],
    ]);
  });

  it('does not confuse composite keys whose parts could run together', () => {
    const page = pageOf(['keyword', ['a|', 'a']], ['keyword', ['b', '|b']]);
    const out = rowsOf(drive(agg([{ channel: 0, type: 'keyword' }, { channel: 1, type: 'keyword' }], [count()]), [page]));
    expect(out.length).toBe(2);
  });

  it('skips positions whose filter channel is not true, per aggregator', () => {
    // STATS all = COUNT(*), big = COUNT(*) WHERE flag BY k
    const page = pageOf(['keyword', ['a', 'a', 'b', 'b']], ['boolean', [true, false, null, [true, true]]]);
    const out = rowsOf(drive(agg([{ channel: 0, type: 'keyword' }], [count(), count([], 1)]), [page]));
    expect(out).toEqual([
      ['a', 2, 1],
      ['b', 2, 0],
    ]);
  });

  it('applies the filter to the expanded rows of a multi-valued key', () => {
    const page = pageOf(['integer', [[1, 2], 1]], ['boolean', [true, false]]);
    expect(rowsOf(drive(agg([{ channel: 0, type: 'integer' }], [count([], 1)]), [page]))).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('snapshot() previews the result without disturbing the state', () => {
    const op = agg([{ channel: 0, type: 'integer' }], [count()]);
    op.addInput(pageOf(['integer', [1, 2, 1]]));
    expect(rowsOf([op.snapshot()])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    op.addInput(pageOf(['integer', [2, 3]]));
    expect(rowsOf(drive(op, []))).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
  });

  it('handles many groups and reserves then releases memory', () => {
    const ctx = testContext();
    const op = new HashAggregationOperator(ctx, [{ channel: 0, type: 'integer' }], [count()]);
    const out = drive(op, intPages(50_000, 8192));
    expect(out.reduce((n, p) => n + p.positionCount, 0)).toBe(50_000);
    expect(ctx.blockFactory.reservedBytes).toBeGreaterThan(0);
    op.close();
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });

  it('fails with circuit_breaking_exception when the groups outgrow the budget', () => {
    const op = new HashAggregationOperator(testContext({ limitBytes: 10_000 }), [{ channel: 0, type: 'integer' }], [count()]);
    expect(() => drive(op, intPages(50_000, 8192))).toThrow(expect.objectContaining({ type: 'circuit_breaking_exception' }));
  });
});
