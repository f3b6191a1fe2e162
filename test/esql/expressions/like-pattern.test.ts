import { describe, expect, it } from 'vitest';
import { likeToRegExp, rlikeToRegExp } from '../../../src/esql/expressions/like-pattern.js';

describe('LIKE patterns', () => {
  it('* and ? are wildcards, the match is anchored', () => {
    const re = likeToRegExp('Geo*g?');
    expect(re.test('Georgi')).toBe(true);
    expect(re.test('Georg')).toBe(false);
    expect(re.test('xGeorgi')).toBe(false);
  });

  it('backslash escapes wildcards and regex metacharacters are literal', () => {
    expect(likeToRegExp('a\\*b').test('a*b')).toBe(true);
    expect(likeToRegExp('a\\*b').test('axb')).toBe(false);
    expect(likeToRegExp('a.b(').test('a.b(')).toBe(true);
    expect(likeToRegExp('a.b(').test('axb(')).toBe(false);
  });
});

describe('RLIKE (Lucene regexp)', () => {
  it('matches the whole string', () => {
    expect(rlikeToRegExp('Geor.*').test('Georgi')).toBe(true);
    expect(rlikeToRegExp('eor').test('Georgi')).toBe(false);
  });

  it('supports classes, alternation, repetition, quoted runs and @', () => {
    expect(rlikeToRegExp('[A-Z][a-z]+').test('Parto')).toBe(true);
    expect(rlikeToRegExp('(foo|bar){2}').test('foobar')).toBe(true);
    expect(rlikeToRegExp('"a.b"c').test('a.bc')).toBe(true);
    expect(rlikeToRegExp('"a.b"c').test('axbc')).toBe(false);
    expect(rlikeToRegExp('x@').test('xanything')).toBe(true);
  });

  it('treats ^ and $ as literals', () => {
    expect(rlikeToRegExp('a^b$').test('a^b$')).toBe(true);
  });
});
