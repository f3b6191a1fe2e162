import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockFromValues, blockToValues } from '../../src/compute/block-builder.js';
import { BlockHash, type GroupKey } from '../../src/compute/block-hash.js';
import type { Page } from '../../src/compute/page.js';
import { asDictionary, word } from './dictionary-fixtures.js';
import type { Cell } from './helpers.js';

/**
 * Two keys read straight from their codes (dictionary ordinals, small integers) are grouped in one
 * pass once every value and pair is known; these tests compare that path with plain strings, which
 * always take the per-key path.
 */

/** Per page the group id of each row, then the key blocks. */
function group(pages: readonly Page[], keys: GroupKey[]): { ids: number[][]; keys: unknown[][] } {
  const hash = new BlockHash(keys);
  const ids = pages.map((page) => {
    const a = hash.add(page);
    expect(a.positions).toBeNull();
    return Array.from(a.groupIds.subarray(0, a.count));
  });
  return { ids, keys: hash.keyBlocks().map((b) => blockToValues(b)) };
}

/** Pages of (integer, keyword) columns; the keyword one plain, or a dictionary over `terms`. */
function pagesOf(columns: readonly [Cell[], Cell[]][], terms: string[] | null): Page[] {
  return columns.map(([ints, words]) => {
    const keyword = blockFromValues('keyword', words);
    return {
      positionCount: ints.length,
      blocks: [blockFromValues('integer', ints), terms === null ? keyword : asDictionary(keyword, terms)],
    };
  });
}

const INT_FIRST: GroupKey[] = [
  { channel: 0, type: 'integer' },
  { channel: 1, type: 'keyword' },
];
const KEYWORD_FIRST: GroupKey[] = [
  { channel: 1, type: 'keyword' },
  { channel: 0, type: 'integer' },
];

describe('BlockHash one-pass grouping of two direct keys', () => {
  it('gives the same ids as the per-key path on pages that repeat known pairs', () => {
    const first: [Cell[], Cell[]] = [
      [200, 404, 200, 500, 201],
      ['GET /', 'POST /a', 'GET /', 'GET /', 'PUT /b'],
    ];
    const repeat: [Cell[], Cell[]] = [
      [500, 201, 200, 404, 200, 200],
      ['GET /', 'PUT /b', 'GET /', 'POST /a', 'GET /', 'GET /'],
    ];
    // The first page is all new, the second skips the one-pass try after that miss, the rest take it.
    const columns = [first, repeat, repeat, repeat, first];
    for (const keys of [INT_FIRST, KEYWORD_FIRST]) {
      const want = group(pagesOf(columns, null), keys);
      const got = group(pagesOf(columns, []), keys);
      expect(got).toEqual(want);
      expect(got.ids[3]).toEqual([2, 3, 0, 1, 0, 0]);
    }
  });

  it('handles new values and pairs appearing late, nulls, and integers outside the direct range', () => {
    const smallInt = fc.constantFrom(0, 1, 200, 404, 65_535);
    const int = fc.oneof({ weight: 6, arbitrary: smallInt }, fc.constantFrom(-3, 65_536, 1_000_000), fc.constant(null));
    const page = (ints: fc.Arbitrary<Cell>, words: fc.Arbitrary<Cell>) =>
      fc.integer({ min: 1, max: 12 }).chain((n) =>
        fc.tuple(fc.array(ints, { minLength: n, maxLength: n }), fc.array(words, { minLength: n, maxLength: n })),
      );
    const withNulls = fc.oneof({ weight: 5, arbitrary: word }, fc.constant(null));
    // Mostly null-free pages over a small vocabulary, so the same pairs come back page after page.
    const pageArb = fc.oneof({ weight: 4, arbitrary: page(smallInt, word) }, page(int, withNulls));
    fc.assert(
      fc.property(fc.array(pageArb, { minLength: 1, maxLength: 12 }), (columns) => {
        for (const keys of [INT_FIRST, KEYWORD_FIRST]) {
          expect(group(pagesOf(columns, []), keys)).toEqual(group(pagesOf(columns, null), keys));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps working when the pairs outgrow the direct table', () => {
    // 300 x 300 pairs do not fit the direct table: every page goes the per-key way, ids stay dense.
    const n = 300 * 300;
    const ints = new Array<Cell>(n);
    const words = new Array<Cell>(n);
    for (let i = 0; i < n; i++) {
      ints[i] = i % 300;
      words[i] = `t${Math.floor(i / 300)}`;
    }
    const columns: [Cell[], Cell[]][] = [
      [ints, words],
      [ints.slice(0, 1000), words.slice(0, 1000)],
    ];
    const got = group(pagesOf(columns, []), INT_FIRST);
    expect(got).toEqual(group(pagesOf(columns, null), INT_FIRST));
    expect(got.keys[0]).toHaveLength(n);
  });
});
