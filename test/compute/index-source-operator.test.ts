import { describe, expect, it } from 'vitest';
import { IndexSourceOperator, IndexSourceOperatorFactory } from '../../src/compute/index-source-operator.js';
import { blockFromValues } from '../../src/compute/block-builder.js';
import { dictionaryBlock } from '../../src/compute/dictionary-block.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';
import { numbersIndex, rowsOf, testContext } from './helpers.js';

describe('IndexSourceOperator', () => {
  it('hands out dictionary blocks as fresh views: strings a query materialises are not kept on the index', () => {
    const stored = dictionaryBlock('keyword', 2, { ordinals: Uint16Array.of(1, 0), terms: ['a', 'b'] });
    const index: StoredIndex = { name: 'd', columns: [{ name: 'k', type: 'keyword' }], rowCount: 2, segments: [{ positionCount: 2, blocks: [stored] }] };
    const first = IndexSourceOperator.forIndex(index, [0]).getOutput()?.blocks[0];
    const second = IndexSourceOperator.forIndex(index, [0]).getOutput()?.blocks[0];
    expect(first?.values).toEqual(['b', 'a']);
    expect(first).not.toBe(stored);
    expect(second?.values).not.toBe(first?.values);
    expect(second?.dictionary).toBe(stored.dictionary);
  });

  it('emits one page per segment with the requested columns as channels', () => {
    const index = numbersIndex('nums', 5, 2);
    const op = IndexSourceOperatorFactory.forIndex(index, [1, 0]).get(testContext());
    const pages = [];
    while (!op.isFinished()) {
      const p = op.getOutput();
      if (p) pages.push(p);
    }
    expect(pages.map((p) => p.positionCount)).toEqual([2, 2, 1]);
    expect(rowsOf(pages)).toEqual([
      ['k0', 0],
      ['k1', 1],
      ['k2', 2],
      ['k0', 3],
      ['k1', 4],
    ]);
    expect(op.progress()).toEqual({ positionsRead: 5, positionsTotal: 5 });
  });

  it('counts loaded values, skipping nulls and counting each multi-value', () => {
    const idx: StoredIndex = {
      name: 'mv',
      columns: [{ name: 'x', type: 'long' }],
      rowCount: 3,
      segments: [{ positionCount: 3, blocks: [blockFromValues('long', [[1, 2, 3], null, 4])] }],
    };
    const op = IndexSourceOperator.forIndex(idx, [0]);
    op.getOutput();
    expect(op.valuesLoaded()).toBe(4);
    expect(op.documentsFound()).toBe(3);
  });

  it('reads several indices and fills fields missing in one with nulls', () => {
    const a = numbersIndex('a', 2, 10);
    const b = numbersIndex('b', 1, 10);
    const op = new IndexSourceOperator(
      [
        { index: a, columns: [0, 1] },
        { index: b, columns: [0, null] },
      ],
      ['integer', 'keyword'],
    );
    const pages = [op.getOutput(), op.getOutput()].filter((p) => p !== null);
    expect(rowsOf(pages)).toEqual([
      [0, 'k0'],
      [1, 'k1'],
      [0, null],
    ]);
    expect(op.isFinished()).toBe(true);
    expect(op.progress().positionsTotal).toBe(3);
  });

  it('finishEarly stops reading and says whether segments remained', () => {
    const op = IndexSourceOperator.forIndex(numbersIndex('n', 10, 4), [0]);
    op.getOutput();
    expect(op.finishEarly()).toBe(true);
    expect(op.isFinished()).toBe(true);
    expect(op.getOutput()).toBeNull();
    expect(op.progress().positionsRead).toBe(4);

    const drained = IndexSourceOperator.forIndex(numbersIndex('n', 4, 4), [0]);
    drained.getOutput();
    expect(drained.finishEarly()).toBe(false);
  });

  it('an empty index is finished at once', () => {
    const op = IndexSourceOperator.forIndex(numbersIndex('empty', 0, 4), [0]);
    expect(op.isFinished()).toBe(true);
    expect(op.finishEarly()).toBe(false);
  });

  it('describes itself', () => {
    const f = IndexSourceOperatorFactory.forIndex(numbersIndex('logs', 1, 1), [0]);
    expect(f.describe()).toBe('IndexSourceOperator[indices = [logs]]');
  });
});
