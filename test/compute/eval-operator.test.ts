import { describe, expect, it } from 'vitest';
import { EvalOperator, EvalOperatorFactory } from '../../src/compute/eval-operator.js';
import { times } from './evaluators.js';
import { drive, intPages, pageOf, rowsOf } from './helpers.js';
import { operatorContract } from './operator-contract.js';

operatorContract({
  name: 'Eval',
  factory: () => new EvalOperatorFactory([times(0, 2)]),
  description: 'EvalOperator[evaluators=[MulEvaluator[ch0, 2]]]',
  input: () => intPages(100, 30),
});

describe('EvalOperator', () => {
  it('lets each evaluator see the blocks appended before it', () => {
    // EVAL a = x * 2, b = a * 10: the second evaluator reads channel 1, which the first appended.
    const out = drive(new EvalOperator([times(0, 2), times(1, 10)]), [pageOf(['integer', [1, null, 3]])]);
    expect(rowsOf(out)).toEqual([
      [1, 2, 20],
      [null, null, null],
      [3, 6, 60],
    ]);
  });
});
