import { describe, expect, it } from 'vitest';
import { DelayOperator } from '../../src/compute/delay-operator.js';
import { FilterOperatorFactory } from '../../src/compute/filter-operator.js';
import { HashAggregationOperatorFactory } from '../../src/compute/hash-aggregation-operator.js';
import { IndexSourceOperatorFactory } from '../../src/compute/index-source-operator.js';
import { TopNOperatorFactory } from '../../src/compute/top-n-operator.js';
import { Driver } from '../../src/compute/driver.js';
import { EvalOperator } from '../../src/compute/eval-operator.js';
import { HashAggregationOperator } from '../../src/compute/hash-aggregation-operator.js';
import { IndexSourceOperator } from '../../src/compute/index-source-operator.js';
import { LimitOperator } from '../../src/compute/limit-operator.js';
import { LocalSourceOperator } from '../../src/compute/local-source-operator.js';
import { SortOperator } from '../../src/compute/sort-operator.js';
import { EsError } from '../../src/errors.js';
import { CountAggregator } from './count-aggregator.js';
import { greaterThan, times } from './evaluators.js';
import { intPages, numbersIndex, rowsOf, testContext } from './helpers.js';
import { SpyOperator } from './spy-operator.js';

const MILLION = 1_000_000;
const bigIndex = numbersIndex('big', MILLION, 8192);

describe('Driver', () => {
  it('runs source -> operators and collects the output pages', async () => {
    const ctx = testContext();
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(10, 4)), [
      new EvalOperator([times(0, 2)]),
      new LimitOperator(5),
    ]);
    await driver.run();
    expect(rowsOf(driver.output)).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
    ]);
    expect(driver.progress()).toEqual({ rows_processed: 8, rows_total: null, pages: 2 });
    expect(driver.wasCut).toBe(false);
    expect(ctx.blockFactory.reservedBytes).toBeGreaterThan(0);
    driver.releaseOutput();
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });

  it('builds a pipeline from factories: FROM | WHERE | STATS BY | SORT | LIMIT', async () => {
    // FROM nums | WHERE n > 4 | STATS c = COUNT(*) BY k | SORT c DESC, k | LIMIT 2
    const ctx = testContext();
    const driver = Driver.create(ctx, IndexSourceOperatorFactory.forIndex(numbersIndex('nums', 20, 6), [0, 1]), [
      new FilterOperatorFactory(greaterThan(0, 4)),
      new HashAggregationOperatorFactory([{ channel: 1, type: 'keyword' }], [{ create: () => new CountAggregator(), inputChannels: [] }]),
      new TopNOperatorFactory(
        [
          { channel: 1, type: 'long', asc: false, nullsFirst: true },
          { channel: 0, type: 'keyword', asc: true, nullsFirst: false },
        ],
        2,
      ),
    ]);
    await driver.run();
    // n = 5..19: k0 = {6,9,12,15,18}, k1 = {7,10,13,16,19}, k2 = {5,8,11,14,17}: five each.
    expect(rowsOf(driver.output)).toEqual([
      ['k0', 5],
      ['k1', 5],
    ]);
    expect(driver.operators.length).toBe(4);
    expect(driver.progress()).toEqual({ rows_processed: 20, rows_total: 20, pages: 4 });
  });

  it('yields to the event loop between slices: a setImmediate scheduled before run() fires before it ends', async () => {
    let firedBeforeEnd = false;
    let ended = false;
    setImmediate(() => {
      firedBeforeEnd = !ended;
    });
    // sliceMs 0: one iteration per slice, so a multi-page input needs many slices whatever the machine speed.
    const driver = new Driver(testContext(), IndexSourceOperator.forIndex(bigIndex, [0]), [new EvalOperator([times(0, 2)])], {
      sliceMs: 0,
    });
    await driver.run();
    ended = true;
    expect(firedBeforeEnd).toBe(true);
    expect(driver.progress().rows_processed).toBe(MILLION);
  });

  it('awaits the injected yield between slices', async () => {
    let yields = 0;
    const driver = new Driver(testContext(), new LocalSourceOperator(intPages(100, 10)), [], {
      sliceMs: 0,
      yieldToEventLoop: () => {
        yields++;
        return Promise.resolve();
      },
    });
    await driver.run();
    // 10 pages at one iteration per slice: several slices, each followed by a yield.
    expect(yields).toBeGreaterThan(1);
    expect(rowsOf(driver.output).length).toBe(100);
  });

  it('abort rejects with the signal reason and closes every operator exactly once', async () => {
    const controller = new AbortController();
    const ctx = testContext({ signal: controller.signal });
    const ops = [new SpyOperator(new EvalOperator([times(0, 2)])), new SpyOperator(new LimitOperator(MILLION))];
    const driver = new Driver(ctx, IndexSourceOperator.forIndex(bigIndex, [0]), ops, {
      sliceMs: 0,
      yieldToEventLoop: () => {
        controller.abort(new Error('cancelled by test'));
        return Promise.resolve();
      },
    });
    await expect(driver.run()).rejects.toThrow('cancelled by test');
    expect(ops.map((o) => o.closes)).toEqual([1, 1]);
    expect(driver.progress().rows_processed).toBeLessThan(MILLION);
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });

  it('an abort before run() rejects at once', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const spy = new SpyOperator(new LimitOperator(1));
    const driver = new Driver(testContext({ signal: controller.signal }), new LocalSourceOperator(intPages(1, 1)), [spy]);
    await expect(driver.run()).rejects.toThrow('gone');
    expect(spy.closes).toBe(1);
  });

  it('finishEarly on a 1M-row source: STATS counts the rows seen and wasCut is true', async () => {
    const ctx = testContext();
    let driver: Driver | undefined = undefined;
    let yields = 0;
    driver = new Driver(
      ctx,
      IndexSourceOperator.forIndex(bigIndex, [0]),
      [new HashAggregationOperator(ctx, [], [{ aggregator: new CountAggregator(), inputChannels: [] }])],
      {
        sliceMs: 0,
        yieldToEventLoop: () => {
          if (++yields === 3) driver?.finishEarly();
          return Promise.resolve();
        },
      },
    );
    await driver.run();
    const [[count]] = rowsOf(driver.output);
    expect(driver.wasCut).toBe(true);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(MILLION);
    expect(count).toBe(driver.progress().rows_processed);
    expect(driver.progress().rows_total).toBe(MILLION);
  });

  it('finishEarly after the source is exhausted cuts nothing', async () => {
    const ctx = testContext();
    const agg = new HashAggregationOperator(ctx, [], [{ aggregator: new CountAggregator(), inputChannels: [] }]);
    const driver = new Driver(ctx, IndexSourceOperator.forIndex(numbersIndex('s', 100, 10), [0]), [agg]);
    await driver.run();
    driver.finishEarly();
    expect(driver.wasCut).toBe(false);
    expect(rowsOf(driver.output)).toEqual([[100]]);
  });

  it('finishEarly before run() still returns the schema-shaped result of the finish cascade', async () => {
    const ctx = testContext();
    const agg = new HashAggregationOperator(ctx, [], [{ aggregator: new CountAggregator(), inputChannels: [] }]);
    const driver = new Driver(ctx, IndexSourceOperator.forIndex(numbersIndex('s', 100, 10), [0]), [agg]);
    driver.finishEarly();
    await driver.run();
    expect(driver.wasCut).toBe(true);
    expect(rowsOf(driver.output)).toEqual([[0]]);
  });

  it('LIMIT ends the scan: the source is closed after the first page', async () => {
    const driver = new Driver(testContext(), IndexSourceOperator.forIndex(bigIndex, [0]), [new LimitOperator(10)]);
    await driver.run();
    expect(rowsOf(driver.output).length).toBe(10);
    expect(driver.progress().rows_processed).toBe(8192);
  });

  it('an operator error rejects run() and closes the operators', async () => {
    const spy = new SpyOperator(new EvalOperator([times(0, 2)]), 2);
    const after = new SpyOperator(new LimitOperator(100));
    const driver = new Driver(testContext(), new LocalSourceOperator(intPages(10, 2)), [spy, after]);
    await expect(driver.run()).rejects.toThrow('boom');
    expect([spy.closes, after.closes]).toEqual([1, 1]);
  });

  it('a tiny memory budget makes a SORT fail with circuit_breaking_exception', async () => {
    const ctx = testContext({ limitBytes: 64 * 1024 });
    const sort = new SpyOperator(new SortOperator(ctx, [{ channel: 0, type: 'integer', asc: false, nullsFirst: false }]));
    const driver = new Driver(ctx, IndexSourceOperator.forIndex(numbersIndex('m', 100_000, 8192), [0, 1]), [sort]);
    const err: unknown = await driver.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EsError);
    expect((err as EsError).type).toBe('circuit_breaking_exception');
    expect((err as EsError).status).toBe(429);
    expect(sort.closes).toBe(1);
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });

  it('a blocked operator is awaited; finishEarly wakes the driver and DELAY emits the completed rows', async () => {
    const pending: (() => void)[] = [];
    const ctx = testContext({
      sleep: (_ms, signal) =>
        new Promise<void>((resolve, reject) => {
          pending.push(resolve);
          signal.addEventListener('abort', () => reject(new Error('aborted sleep')), { once: true });
        }),
    });
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(5, 5)), [new DelayOperator(ctx, 1000)]);
    const run = driver.run();
    // Let two rows complete, then stop while the third is sleeping.
    for (let i = 0; i < 2; i++) {
      await waitUntil(() => pending.length > i);
      pending[i]();
    }
    await waitUntil(() => pending.length === 3);
    driver.finishEarly();
    await run;
    expect(driver.wasCut).toBe(true);
    expect(rowsOf(driver.output)).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  it('abort while blocked rejects without waiting for the sleep', async () => {
    const controller = new AbortController();
    const ctx = testContext({ signal: controller.signal, sleep: () => new Promise<void>(() => {}) });
    const delay = new SpyOperator(new DelayOperator(ctx, 60_000));
    const driver = new Driver(ctx, new LocalSourceOperator(intPages(3, 3)), [delay]);
    const run = driver.run();
    await new Promise((r) => setImmediate(r));
    controller.abort(new Error('deleted'));
    await expect(run).rejects.toThrow('deleted');
    expect(delay.closes).toBe(1);
  });
});

async function waitUntil(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition never became true');
}
