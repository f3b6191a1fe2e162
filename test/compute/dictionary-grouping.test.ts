import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockFromValues, blockToValues } from '../../src/compute/block-builder.js';
import { BlockHash, type GroupKey } from '../../src/compute/block-hash.js';
import type { Page } from '../../src/compute/page.js';
import { asDictionary, keywordCell } from './dictionary-fixtures.js';
import type { Cell } from './helpers.js';

interface Run {
  readonly ids: number[][];
  readonly keys: unknown[][];
}

/** Every page through one BlockHash: per page the (row, group) assignments, then the key blocks. */
function group(pages: readonly Page[], keys: GroupKey[]): Run {
  const hash = new BlockHash(keys);
  const ids = pages.map((page) => {
    const a = hash.add(page);
    return Array.from({ length: a.count }, (_, i) => (a.positions === null ? i : a.positions[i]) * 1e6 + a.groupIds[i]);
  });
  return { ids, keys: hash.keyBlocks().map((b) => blockToValues(b)) };
}

/** Pages of (keyword, integer) columns, the keyword one plain or as a dictionary over shared `terms`. */
function pagesOf(columns: [Cell[], Cell[]][], terms: string[] | null): Page[] {
  return columns.map(([words, ints]) => {
    const keyword = blockFromValues('keyword', words);
    return {
      positionCount: words.length,
      blocks: [terms === null ? keyword : asDictionary(keyword, terms), blockFromValues('integer', ints)],
    };
  });
}

const intCell = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -3, max: 70_000 }) }, { weight: 1, arbitrary: fc.constant(null) });
const smallInt = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(200), fc.constant(null));

describe('GROUP BY on dictionary blocks', () => {
  for (const multi of [false, true]) {
    it(`gives the same groups, in the same order, as on strings (${multi ? 'with' : 'without'} multi-values)`, () => {
      const page = (ints: fc.Arbitrary<Cell>) =>
        fc.integer({ min: 1, max: 20 }).chain((n) =>
          fc.tuple(fc.array(keywordCell(multi), { minLength: n, maxLength: n }), fc.array(ints, { minLength: n, maxLength: n })),
        );
      fc.assert(
        fc.property(fc.array(page(fc.oneof(intCell, smallInt)), { minLength: 1, maxLength: 5 }), (columns) => {
          for (const keys of [[{ channel: 0, type: 'keyword' }], [{ channel: 1, type: 'integer' }, { channel: 0, type: 'keyword' }]] as GroupKey[][]) {
            const want = group(pagesOf(columns, null), keys);
            expect(group(pagesOf(columns, ['never-used']), keys)).toEqual(want);
          }
        }),
      );
    });
  }

  it('reads a growing shared term list: terms added after the first page still get their own group', () => {
    const terms: string[] = [];
    const first = pagesOf([[['a', 'b'], [1, 1]]], terms);
    const second = pagesOf([[['c', 'a'], [1, 1]]], terms);
    const hash = new BlockHash([{ channel: 0, type: 'keyword' }]);
    expect(Array.from(hash.add(first[0]).groupIds)).toEqual([0, 1]);
    expect(Array.from(hash.add(second[0]).groupIds)).toEqual([2, 0]);
    expect(blockToValues(hash.keyBlocks()[0])).toEqual(['a', 'b', 'c']);
  });

  it('folds many distinct pairs past the direct pair table into the hash, ids unchanged', () => {
    // 400 x 400 pairs exceed the direct table: the fold must fall back to the hash and keep ids dense.
    const n = 400 * 400;
    const left = new Array<number>(n);
    const right = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      left[i] = i % 400;
      right[i] = `t${Math.floor(i / 400)}`;
    }
    const keys: GroupKey[] = [{ channel: 0, type: 'integer' }, { channel: 1, type: 'keyword' }];
    const plain: Page = { positionCount: n, blocks: [blockFromValues('integer', left), blockFromValues('keyword', right)] };
    const dict: Page = { positionCount: n, blocks: [plain.blocks[0], asDictionary(plain.blocks[1], [])] };
    const want = new BlockHash(keys).add(plain);
    const hash = new BlockHash(keys);
    expect(Array.from(hash.add(dict).groupIds)).toEqual(Array.from(want.groupIds));
    expect(hash.groupCount).toBe(n);
    expect(Array.from(hash.add(dict).groupIds)).toEqual(Array.from(want.groupIds));
  });
});
