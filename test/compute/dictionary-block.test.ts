import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockFromValues, blockToValues } from '../../src/compute/block-builder.js';
import { NULL_ORDINAL } from '../../src/compute/block.js';
import { filterBlock, sliceBlock } from '../../src/compute/block-filter.js';
import { gatherRows } from '../../src/compute/block-gather.js';
import { dictionaryBlock, freshDictionaryView } from '../../src/compute/dictionary-block.js';
import { blockBytes } from '../../src/compute/page-bytes.js';
import { asDictionary, keywordCell } from './dictionary-fixtures.js';

describe('dictionary blocks', () => {
  it('materialise values from the ordinals once, with an empty placeholder at nulls', () => {
    const b = dictionaryBlock('keyword', 3, { ordinals: Uint16Array.of(1, NULL_ORDINAL, 0), terms: ['x', 'y'] }, Uint8Array.of(0, 1, 0));
    expect(b.values).toEqual(['y', '', 'x']);
    expect(b.values).toBe(b.values);
    expect(blockToValues(b)).toEqual(['y', null, 'x']);
  });

  it('keep values and dictionary through a spread copy (TO_STRING-style identity conversions)', () => {
    const b = dictionaryBlock('keyword', 2, { ordinals: Uint16Array.of(0, 0), terms: ['x'] });
    const copy = { ...b, type: 'text' as const };
    expect(copy.values).toEqual(['x', 'x']);
    expect(copy.dictionary).toBe(b.dictionary);
  });

  it('count ordinals, not strings, for memory accounting', () => {
    const b = dictionaryBlock('keyword', 1000, { ordinals: new Uint16Array(1000), terms: ['a long enough term'] });
    expect(blockBytes(b)).toBe(64 + 2000);
  });

  it('hand out fresh views, so reading values on one never caches strings on the stored block', () => {
    const stored = dictionaryBlock('keyword', 2, { ordinals: Uint16Array.of(0, 1), terms: ['x', 'y'] });
    const view = freshDictionaryView(stored);
    expect(view.values).toEqual(['x', 'y']);
    expect(view.values).not.toBe(stored.values);
    expect(view.dictionary).toBe(stored.dictionary);
  });

  it('filterBlock and sliceBlock keep the dictionary form and give the same values as on strings', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((multi) => fc.array(keywordCell(multi), { minLength: 1, maxLength: 40 })),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        (cells, picks, a, b) => {
          const plain = blockFromValues('keyword', cells);
          const dict = asDictionary(plain, ['unused']);
          const n = cells.length;
          const positions = Int32Array.from(picks.map((p) => p % n));
          const filtered = filterBlock(dict, positions, positions.length);
          expect(filtered.dictionary?.terms).toBe(dict.dictionary?.terms);
          expect(blockToValues(filtered)).toEqual(blockToValues(filterBlock(plain, positions, positions.length)));
          const [from, to] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y);
          const sliced = sliceBlock(dict, from, to);
          expect(blockToValues(sliced)).toEqual(blockToValues(sliceBlock(plain, from, to)));
          if (from > 0 || to < n) expect(sliced.dictionary?.terms).toBe(dict.dictionary?.terms);
        },
      ),
    );
  });

  it('gatherRows over pages sharing one term list gathers ordinals; mixed pages still agree', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(keywordCell(false), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (pages, mixed, picks) => {
          const terms: string[] = [];
          const plain = pages.map((cells) => blockFromValues('keyword', cells));
          const dict = plain.map((b, i) => (mixed && i === 0 ? b : asDictionary(b, terms)));
          const rowPage: number[] = [];
          const rowPos: number[] = [];
          pages.forEach((cells, pi) => cells.forEach((_, p) => (rowPage.push(pi), rowPos.push(p))));
          const order = Int32Array.from(picks.map((p) => p % rowPage.length));
          const args = [Int32Array.from(rowPage), Int32Array.from(rowPos), order, 0, order.length] as const;
          const got = gatherRows(dict, ...args);
          expect(blockToValues(got)).toEqual(blockToValues(gatherRows(plain, ...args)));
          expect(got.dictionary !== undefined).toBe(!mixed);
        },
      ),
    );
  });
});
