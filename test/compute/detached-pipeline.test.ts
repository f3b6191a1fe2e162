import { describe, expect, it } from 'vitest';
import { DelayOperatorFactory } from '../../src/compute/delay-operator.js';
import { runDetached } from '../../src/compute/detached-pipeline.js';
import { LimitOperatorFactory } from '../../src/compute/limit-operator.js';
import { TopNOperatorFactory } from '../../src/compute/top-n-operator.js';
import { intPages, rowsOf, testContext } from './helpers.js';

const desc = { channel: 0, type: 'integer', asc: false, nullsFirst: false } as const;

describe('runDetached', () => {
  it('runs pages through fresh operators to the end, synchronously', () => {
    const out = runDetached(testContext(), [new TopNOperatorFactory([desc], 5), new LimitOperatorFactory(2)], intPages(100, 7));
    expect(out === null ? null : rowsOf(out)).toEqual([[99], [98]]);
  });

  it('with no operators hands the input back', () => {
    const input = intPages(3, 2);
    expect(runDetached(testContext(), [], input)).toEqual(input);
  });

  it('gives up (null) rather than wait on an operator that blocks', () => {
    const never = () => new Promise<void>(() => undefined);
    expect(runDetached(testContext({ sleep: never }), [new DelayOperatorFactory(10)], intPages(3, 3))).toBeNull();
  });

  it('gives back the memory its operators reserved', () => {
    const ctx = testContext();
    runDetached(ctx, [new TopNOperatorFactory([desc], 10)], intPages(10_000, 1000));
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });
});
