import { describe, expect, it } from 'vitest';
import { DelayOperator, DelayOperatorFactory } from '../../src/compute/delay-operator.js';
import { Driver } from '../../src/compute/driver.js';
import { LocalSourceOperator } from '../../src/compute/local-source-operator.js';
import type { DriverContext } from '../../src/compute/operator.js';
import { intPages, pageOf, rowsOf, testContext } from './helpers.js';
import { operatorContract } from './operator-contract.js';

operatorContract({
  name: 'Delay',
  factory: () => new DelayOperatorFactory(10),
  description: 'DelayOperator[delay = 10ms]',
  input: () => intPages(3, 3),
  asynchronous: true,
});

/** A sleep the test completes by hand; records the requested durations. */
function manualSleep() {
  const pending: { ms: number; resolve: () => void }[] = [];
  const sleep: DriverContext['sleep'] = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ ms, resolve });
      signal.addEventListener('abort', () => reject(new Error('sleep aborted')), { once: true });
    });
  return { pending, sleep };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('DelayOperator', () => {
  it('delays rows one after another and appends a true column', async () => {
    const { pending, sleep } = manualSleep();
    const ctx = testContext({ sleep });
    const op = new DelayOperator(ctx, 250);
    op.addInput(pageOf(['keyword', ['a', 'b']]));
    expect(op.needsInput()).toBe(false);
    expect(op.isBlocked()).not.toBeNull();
    expect(pending.map((p) => p.ms)).toEqual([250]);
    expect(op.getOutput()).toBeNull();
    pending[0].resolve();
    await tick();
    // The second row only starts sleeping once the first is done.
    expect(pending.length).toBe(2);
    pending[1].resolve();
    await tick();
    expect(op.isBlocked()).toBeNull();
    const out = op.getOutput();
    expect(rowsOf(out === null ? [] : [out])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(op.needsInput()).toBe(true);
    op.finish();
    expect(op.isFinished()).toBe(true);
    op.close();
  });

  it('finishEarly emits the completed rows, drops the rest and says so', async () => {
    const { pending, sleep } = manualSleep();
    const op = new DelayOperator(testContext({ sleep }), 1000);
    op.addInput(pageOf(['integer', [1, 2, 3]], ['keyword', ['x', ['y', 'z'], 'w']]));
    pending[0].resolve();
    await tick();
    expect(op.finishEarly()).toBe(true);
    const out = op.getOutput();
    expect(rowsOf(out === null ? [] : [out])).toEqual([[1, 'x', true]]);
    expect(op.isFinished()).toBe(true);
    expect(op.isBlocked()).toBeNull();
    // The in-flight sleep was aborted; completing it later changes nothing.
    pending[1].resolve();
    await tick();
    expect(op.getOutput()).toBeNull();
  });

  it('a cancel aborts the sleep in flight with the query’s reason, and close() after it keeps that reason', () => {
    const signals: AbortSignal[] = [];
    const sleep: DriverContext['sleep'] = (_ms, signal) => {
      signals.push(signal);
      return new Promise<void>(() => undefined);
    };
    const query = new AbortController();
    const op = new DelayOperator(testContext({ sleep, signal: query.signal }), 1000);
    op.addInput(pageOf(['integer', [1, 2]]));
    const reason = new Error('cancelled');
    query.abort(reason);
    expect(signals[0].aborted).toBe(true);
    expect(signals[0].reason).toBe(reason);
    op.close();
    expect(signals[0].reason).toBe(reason);
  });

  it('close() and finishEarly() abort the sleep in flight', () => {
    const signals: AbortSignal[] = [];
    const sleep: DriverContext['sleep'] = (_ms, signal) => {
      signals.push(signal);
      return new Promise<void>(() => undefined);
    };
    const closed = new DelayOperator(testContext({ sleep }), 1000);
    closed.addInput(pageOf(['integer', [1]]));
    closed.close();
    const stopped = new DelayOperator(testContext({ sleep }), 1000);
    stopped.addInput(pageOf(['integer', [1]]));
    stopped.finishEarly();
    stopped.close();
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('finishEarly with nothing in flight cuts nothing', () => {
    const op = new DelayOperator(testContext(), 5);
    expect(op.finishEarly()).toBe(false);
    expect(op.isFinished()).toBe(true);
  });

  it('runs under a driver with an instant fake sleep without blocking the event loop', async () => {
    const requested: number[] = [];
    const ctx = testContext({
      sleep: (ms) => {
        requested.push(ms);
        return Promise.resolve();
      },
    });
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(7, 3)), [new DelayOperator(ctx, 40)]);
    await driver.run();
    expect(requested).toEqual(new Array(7).fill(40));
    expect(rowsOf(driver.output)).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => [n, true]));
  });

  it('a failing sleep fails the query', async () => {
    const ctx = testContext({ sleep: () => Promise.reject(new Error('timer broke')) });
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(2, 2)), [new DelayOperator(ctx, 1)]);
    await expect(driver.run()).rejects.toThrow('timer broke');
  });
});
