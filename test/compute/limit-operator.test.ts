import { describe, expect, it } from 'vitest';
import { LimitOperator, LimitOperatorFactory } from '../../src/compute/limit-operator.js';
import { drive, intPages, pageOf, rowsOf } from './helpers.js';
import { operatorContract } from './operator-contract.js';

operatorContract({
  name: 'Limit',
  factory: () => new LimitOperatorFactory(3),
  description: 'LimitOperator[limit = 3]',
  input: () => intPages(10, 2),
});

describe('LimitOperator', () => {
  it('cuts across pages and then reports finished without finish()', () => {
    const op = new LimitOperator(5);
    const pages = intPages(10, 3);
    const out = [];
    for (const p of pages) {
      if (!op.needsInput()) break;
      op.addInput(p);
      const o = op.getOutput();
      if (o) out.push(o);
    }
    expect(op.isFinished()).toBe(true);
    expect(rowsOf(out).flat()).toEqual([0, 1, 2, 3, 4]);
    expect(op.toString()).toBe('LimitOperator[limit = 0/5]');
  });

  it('keeps nulls and multi-values of the rows it passes', () => {
    const out = drive(new LimitOperator(2), [pageOf(['keyword', [['a', 'b'], null, 'c']])]);
    expect(rowsOf(out)).toEqual([[['a', 'b']], [null]]);
  });

  it('LIMIT 0 needs no input and is finished at once', () => {
    const op = new LimitOperator(0);
    expect(op.needsInput()).toBe(false);
    expect(op.isFinished()).toBe(true);
  });

  it('prints the remaining count', () => {
    const op = new LimitOperator(100);
    op.addInput(intPages(30, 30)[0]);
    expect(op.toString()).toBe('LimitOperator[limit = 70/100]');
  });
});
