import { describe, expect, it } from 'vitest';
import { Driver } from '../../src/compute/driver.js';
import { FilterOperator, FilterOperatorFactory } from '../../src/compute/filter-operator.js';
import { LocalSourceOperatorFactory } from '../../src/compute/local-source-operator.js';
import type { DriverContext, Operator, OperatorFactory } from '../../src/compute/operator.js';
import { greaterThan } from './evaluators.js';
import { intPages, rowsOf, testContext } from './helpers.js';

/** A FilterOperatorFactory that records the operators it builds and whether they were closed. */
class CountingFactory implements OperatorFactory {
  readonly built: { op: Operator; closed: boolean }[] = [];
  private readonly inner = new FilterOperatorFactory(greaterThan(0, 2));

  get(ctx: DriverContext): Operator {
    const op = this.inner.get(ctx);
    const entry = { op, closed: false };
    const close = op.close.bind(op);
    op.close = () => {
      entry.closed = true;
      close();
    };
    this.built.push(entry);
    return op;
  }

  describe(): string {
    return this.inner.describe();
  }
}

describe('operator shapes kept across queries', () => {
  it('a pipeline that moved several pages leaves one closed, never-run instance per operator class behind', async () => {
    const factory = new CountingFactory();
    const driver = Driver.create(testContext(), new LocalSourceOperatorFactory(intPages(10, 4)), [factory]);
    await driver.run();
    expect(rowsOf(driver.output).flat()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(factory.built).toHaveLength(2);
    const [run, sample] = factory.built;
    expect(run.op).toBe(driver.operators[1]);
    expect(sample.op).toBeInstanceOf(FilterOperator);
    expect(sample.closed).toBe(true);
  });

  it('a one-page pipeline (ROW, a small lookup) builds nothing extra', async () => {
    const factory = new CountingFactory();
    await Driver.create(testContext(), new LocalSourceOperatorFactory(intPages(3, 4)), [factory]).run();
    expect(factory.built).toHaveLength(1);
  });
});
