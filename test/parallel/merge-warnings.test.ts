import { describe, expect, it } from 'vitest';
import { mergeWarnings } from '../../src/parallel/merge-warnings.js';

const header = (at: string) => `Line ${at}: evaluation of [TO_INTEGER(x)] failed, treating result as null. Only first 3 failures recorded.`;
const failure = (at: string, n: number) => `Line ${at}: java.lang.NumberFormatException: For input string: "${n}"`;

describe('mergeWarnings', () => {
  it('lists each header once and failure lines up to the per-expression cap over all lists', () => {
    const worker0 = [header('1:20'), failure('1:20', 1), failure('1:20', 1)];
    const worker1 = [header('1:20'), failure('1:20', 2), failure('1:20', 2), header('2:5'), failure('2:5', 9)];
    expect(mergeWarnings([worker0, worker1, []])).toEqual([
      header('1:20'),
      failure('1:20', 1),
      failure('1:20', 1),
      failure('1:20', 2),
      header('2:5'),
      failure('2:5', 9),
    ]);
  });

  it('keeps other warnings once, in order of first appearance', () => {
    expect(mergeWarnings([['a', 'Line 1:1: b'], ['Line 1:1: b', 'c'], ['a', 'd']])).toEqual(['a', 'Line 1:1: b', 'c', 'd']);
  });
});
