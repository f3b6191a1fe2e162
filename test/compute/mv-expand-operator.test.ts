import { describe, expect, it } from 'vitest';
import { blockFromValues } from '../../src/compute/block-builder.js';
import { MvExpandOperator, MvExpandOperatorFactory } from '../../src/compute/mv-expand-operator.js';
import { drive, pageOf, rowsOf } from './helpers.js';
import { operatorContract } from './operator-contract.js';

const sample = () => [
  pageOf(['integer', [1, 5, null, 7]], ['keyword', ['a', ['b', 'c'], 'd', null]]),
  pageOf(['integer', [[9, 10], 3]], ['keyword', ['e', 'f']]),
];

operatorContract({
  name: 'MvExpand',
  factory: () => new MvExpandOperatorFactory(1),
  description: 'MvExpandOperator[channel=1]',
  input: sample,
});

describe('MvExpandOperator', () => {
  it('emits one row per value, keeps nulls as one row and repeats the other columns', () => {
    const out = drive(new MvExpandOperator(1), sample());
    expect(rowsOf(out)).toEqual([
      [1, 'a'],
      [5, 'b'],
      [5, 'c'],
      [null, 'd'],
      [7, null],
      [[9, 10], 'e'],
      [3, 'f'],
    ]);
    expect(out[0].blocks[1].firstValueIndexes).toBeUndefined();
  });

  it('emits a large expansion in bounded chunks, splitting a position across chunks', () => {
    const values = (from: number) => Array.from({ length: 5 }, (_, i) => from + i);
    const page = pageOf(['integer', [values(0), null, values(10)]], ['keyword', ['a', 'b', 'c']]);
    const op = new MvExpandOperator(0, 4);
    op.addInput(page);
    const chunks = [];
    for (let out = op.getOutput(); out !== null; out = op.getOutput()) chunks.push(out);
    expect(chunks.map((c) => c.positionCount)).toEqual([4, 4, 3]);
    expect(rowsOf(chunks)).toEqual([
      ...values(0).map((v) => [v, 'a']),
      [null, 'b'],
      ...values(10).map((v) => [v, 'c']),
    ]);
    expect(op.needsInput()).toBe(true);
  });

  it('passes pages without multi-values through', () => {
    const page = pageOf(['integer', [1, 2]], ['keyword', ['a', null]]);
    expect(drive(new MvExpandOperator(1), [page])[0]).toBe(page);
  });

  it('expands a multi-valued block whose only values are nulls and multi-values', () => {
    const block = blockFromValues('long', [null, [1, 2], null]);
    const out = drive(new MvExpandOperator(0), [{ positionCount: 3, blocks: [block] }]);
    expect(rowsOf(out)).toEqual([[null], [1], [2], [null]]);
  });
});
