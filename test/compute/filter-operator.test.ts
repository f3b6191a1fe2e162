import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import { pendingGather } from '../../src/compute/deferred-filter-block.js';
import { FilterOperator, FilterOperatorFactory } from '../../src/compute/filter-operator.js';
import { TopNOperator } from '../../src/compute/top-n-operator.js';
import { greaterThan } from './evaluators.js';
import { drive, intPages, pageOf, rowsOf, testContext } from './helpers.js';
import { operatorContract } from './operator-contract.js';

const sample = () => [
  pageOf(['integer', [1, 5, null, 7]], ['keyword', ['a', ['b', 'c'], 'd', null]]),
  pageOf(['integer', [[9, 10], 3]], ['keyword', ['e', 'f']]),
];

operatorContract({
  name: 'Filter',
  factory: () => new FilterOperatorFactory(greaterThan(0, 2)),
  description: 'FilterOperator[evaluator=GreaterThanEvaluator[ch0, 2]]',
  input: sample,
});

describe('FilterOperator', () => {
  it('keeps positions that are true, dropping null and multi-valued conditions', () => {
    const out = drive(new FilterOperator(greaterThan(0, 2)), sample());
    expect(rowsOf(out)).toEqual([
      [5, ['b', 'c']],
      [7, null],
      [3, 'f'],
    ]);
  });

  it('passes a page through untouched when every position matches and emits nothing when none does', () => {
    const [page] = intPages(10, 10);
    expect(drive(new FilterOperator(greaterThan(0, -1)), [page])[0]).toBe(page);
    expect(drive(new FilterOperator(greaterThan(0, 100)), [page])).toEqual([]);
  });

  it('gives channels nobody reads later a null block of the right type instead of gathering them', () => {
    const out = drive(new FilterOperator(greaterThan(0, 2), new Set([0])), sample());
    expect(rowsOf(out)).toEqual([
      [5, null],
      [7, null],
      [3, null],
    ]);
    expect(out.map((p) => p.blocks[1].type)).toEqual(['keyword', 'keyword']);
  });
  it('only counts the kept rows when no channel is read later (a WHERE before STATS COUNT(*))', () => {
    const out = drive(new FilterOperator(greaterThan(0, 2), new Set()), sample());
    expect(out.map((p) => p.positionCount)).toEqual([2, 1]);
    expect(rowsOf(out)).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(out.map((p) => p.blocks.map((b) => b.type))).toEqual([
      ['integer', 'keyword'],
      ['integer', 'keyword'],
    ]);
  });

  it('copies a few kept rows at once, also out of an earlier WHERE whose columns are not gathered yet', () => {
    const n = 5000;
    let reads = 0;
    const payload = Float64Array.from({ length: n }, (_, i) => i * 10);
    const counted: Block = {
      type: 'double',
      positionCount: n,
      get values() {
        reads++;
        return payload;
      },
    };
    const keys = pageOf(['integer', Array.from({ length: n }, (_, i) => i)]).blocks[0];
    const wide = drive(new FilterOperator(greaterThan(0, 999)), [{ positionCount: n, blocks: [keys, counted] }]);
    expect(reads).toBe(0);
    const few = drive(new FilterOperator(greaterThan(0, 4996)), wide);
    // Gathered straight from the source: the first WHERE's 4000 rows are still not gathered.
    expect(pendingGather(wide[0].blocks[1])).toBeDefined();
    expect(pendingGather(few[0].blocks[1])).toBeUndefined();
    expect(rowsOf(few)).toEqual([
      [4997, 49970],
      [4998, 49980],
      [4999, 49990],
    ]);
  });

  it('gathers a kept column only when it is read, and a TopN after it only for the rows it keeps', () => {
    const n = 5000;
    let reads = 0;
    const payload = Float64Array.from({ length: n }, (_, i) => i * 10);
    const counted: Block = {
      type: 'double',
      positionCount: n,
      get values() {
        reads++;
        return payload;
      },
    };
    const keyValues = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const rowOf = new Map(keyValues.map((k, i) => [k, i]));
    const keys = pageOf(['integer', keyValues]).blocks[0];
    const filtered = drive(new FilterOperator(greaterThan(0, 100)), [{ positionCount: n, blocks: [keys, counted] }]);
    expect(reads).toBe(0);
    const top = drive(new TopNOperator(testContext(), [{ channel: 0, type: 'integer', asc: false, nullsFirst: false }], 3), filtered);
    expect(rowsOf(top)).toEqual([4999, 4998, 4997].map((k) => [k, (rowOf.get(k) ?? -1) * 10]));
    expect(rowsOf(filtered).length).toBe(n - 101);
  });
});
