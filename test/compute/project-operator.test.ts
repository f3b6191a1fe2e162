import { describe, expect, it } from 'vitest';
import { ProjectOperator, ProjectOperatorFactory } from '../../src/compute/project-operator.js';
import { drive, pageOf, rowsOf } from './helpers.js';
import { operatorContract } from './operator-contract.js';

const sample = () => [
  pageOf(['integer', [1, 5, null, 7]], ['keyword', ['a', ['b', 'c'], 'd', null]]),
  pageOf(['integer', [[9, 10], 3]], ['keyword', ['e', 'f']]),
];

operatorContract({
  name: 'Project',
  factory: () => new ProjectOperatorFactory([1, 0]),
  description: 'ProjectOperator[projection = [1, 0]]',
  input: sample,
});

describe('ProjectOperator', () => {
  it('reorders, repeats and drops channels', () => {
    const out = drive(new ProjectOperator([1, 1]), [pageOf(['integer', [1]], ['keyword', ['x']])]);
    expect(rowsOf(out)).toEqual([['x', 'x']]);
  });

  it('fails loudly on a missing channel', () => {
    expect(() => drive(new ProjectOperator([3]), [pageOf(['integer', [1]])])).toThrow(/no channel 3/);
  });
});
