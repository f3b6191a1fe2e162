import fc from 'fast-check';
import { type Block, NULL_ORDINAL } from '../../src/compute/block.js';
import { dictionaryBlock } from '../../src/compute/dictionary-block.js';
import type { Cell } from './helpers.js';

/**
 * The dictionary form of a plain keyword-like block over `terms` (terms missing from it are appended,
 * as a loader's shared, append-only term list does): the same positions, values as ordinals.
 */
export function asDictionary(block: Block, terms: string[]): Block {
  const values = block.values as string[];
  const single = block.firstValueIndexes === undefined;
  const ordinals = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (single && block.nulls !== undefined && block.nulls[i] === 1) {
      ordinals[i] = NULL_ORDINAL;
      continue;
    }
    let o = terms.indexOf(values[i]);
    if (o < 0) o = terms.push(values[i]) - 1;
    ordinals[i] = o;
  }
  return dictionaryBlock(block.type, block.positionCount, { ordinals, terms }, block.nulls, block.firstValueIndexes, block.mvSorted);
}

/** A few short words, so random columns repeat values (and miss some terms of a shared list). */
export const word = fc.constantFrom('a', 'b', 'GET /', 'host-1', 'host-10', 'é', '');

/** A keyword cell: a value, null, or (when `multi`) a multi-value. */
export const keywordCell = (multi: boolean): fc.Arbitrary<Cell> =>
  multi
    ? fc.oneof(word, fc.constant(null), fc.array(word, { minLength: 2, maxLength: 3 }))
    : fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.constant(null) });
