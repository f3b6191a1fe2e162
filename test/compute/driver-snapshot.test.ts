import { describe, expect, it } from 'vitest';
import { DelayOperator } from '../../src/compute/delay-operator.js';
import { Driver } from '../../src/compute/driver.js';
import { HashAggregationOperatorFactory } from '../../src/compute/hash-aggregation-operator.js';
import { LimitOperator } from '../../src/compute/limit-operator.js';
import { LocalSourceOperator } from '../../src/compute/local-source-operator.js';
import type { DriverContext } from '../../src/compute/operator.js';
import { SortOperator } from '../../src/compute/sort-operator.js';
import { TopNOperator } from '../../src/compute/top-n-operator.js';
import { intPages, pageOf, rowsOf, testContext } from './helpers.js';

const asc = { channel: 0, type: 'integer', asc: true, nullsFirst: false } as const;

describe('previewOutput', () => {
  it('TopN: the best rows so far, and finish() still sees every row', () => {
    const op = new TopNOperator(testContext(), [asc], 3);
    op.addInput(pageOf(['integer', [5, 9, 4]]));
    expect(rowsOf(op.previewOutput() ?? [])).toEqual([[4], [5], [9]]);
    op.addInput(pageOf(['integer', [1, 7]]));
    expect(rowsOf(op.previewOutput() ?? [])).toEqual([[1], [4], [5]]);
    op.finish();
    expect(op.previewOutput()).toBeNull();
    expect(rowsOf([op.getOutput()!])).toEqual([[1], [4], [5]]);
  });

  it('SORT: every row so far, sorted, without consuming the buffer', () => {
    const op = new SortOperator(testContext(), [asc]);
    expect(op.previewOutput()).toEqual([]);
    op.addInput(pageOf(['integer', [3, 1, 2]]));
    expect(rowsOf(op.previewOutput() ?? [])).toEqual([[1], [2], [3]]);
    op.finish();
    expect(rowsOf([op.getOutput()!])).toEqual([[1], [2], [3]]);
  });
});

describe('Driver.snapshot', () => {
  it('a scan: the pages collected so far and nothing pending', async () => {
    const ctx = testContext();
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(6, 2)), [new LimitOperator(4)]);
    expect(driver.snapshot()).toEqual({ collected: [], pending: null });
    await driver.run();
    expect(rowsOf(driver.snapshot().collected)).toEqual([[0], [1], [2], [3]]);
  });

  it('the first operator that holds rows gives the snapshot, with its position', () => {
    const ctx = testContext();
    const stats = new HashAggregationOperatorFactory([], []).get(ctx);
    const topN = new TopNOperator(ctx, [asc], 2);
    const driver = new Driver(ctx, new LocalSourceOperator([]), [stats, topN]);
    const { pending } = driver.snapshot();
    // STATS (position 1) is the one to snapshot: nothing has reached the TopN after it yet.
    expect(pending?.after).toBe(1);
    expect(pending?.pages).toHaveLength(1);
  });
});

describe('DelayOperator hands completed rows on as they complete', () => {
  it('a downstream operator sees rows before the whole page is through', async () => {
    const pending: (() => void)[] = [];
    const sleep: DriverContext['sleep'] = () => new Promise<void>((resolve) => pending.push(resolve));
    const op = new DelayOperator(testContext({ sleep }), 5);
    op.addInput(pageOf(['integer', [1, 2, 3]]));
    expect(op.isBlocked()).not.toBeNull();
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
    // Row 1 is done while row 2 sleeps: not blocked, and row 1 comes out alone.
    expect(op.isBlocked()).toBeNull();
    expect(rowsOf([op.getOutput()!])).toEqual([[1, true]]);
    expect(op.isBlocked()).not.toBeNull();
    expect(op.needsInput()).toBe(false);
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(rowsOf([op.getOutput()!])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(op.getOutput()).toBeNull();
    expect(op.needsInput()).toBe(true);
    op.close();
  });
});
