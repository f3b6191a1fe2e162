import { describe, expect, it } from 'vitest';
import { LocalSourceOperator, LocalSourceOperatorFactory } from '../../src/compute/local-source-operator.js';
import { intPages, testContext } from './helpers.js';

describe('LocalSourceOperator', () => {
  it('emits its pages in order then finishes, counting positions read', () => {
    const pages = intPages(5, 2);
    const op = new LocalSourceOperatorFactory(pages).get(testContext());
    expect(op.needsInput()).toBe(false);
    expect([op.getOutput(), op.getOutput(), op.getOutput()]).toEqual(pages);
    expect(op.getOutput()).toBeNull();
    expect(op.isFinished()).toBe(true);
    expect(op.progress()).toEqual({ positionsRead: 5, positionsTotal: null });
  });

  it('finishEarly reports whether pages were left', () => {
    const op = new LocalSourceOperator(intPages(4, 2));
    op.getOutput();
    expect(op.finishEarly()).toBe(true);
    expect(op.isFinished()).toBe(true);
    const done = new LocalSourceOperator(intPages(2, 2));
    done.getOutput();
    expect(done.finishEarly()).toBe(false);
  });

  it('describes itself', () => {
    expect(new LocalSourceOperatorFactory(intPages(4, 2)).describe()).toBe('LocalSourceOperator[pages = 2]');
  });
});
