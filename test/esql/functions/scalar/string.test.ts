import { describe, expect, it } from 'vitest';
import { MV_WARNING, evaluate, failedHeader, int, kw, nul, resolve, value } from './harness.js';

describe('string functions', () => {
  it('length counts code points', () => {
    expect(value('length', kw('hello'))).toBe(5);
    expect(value('length', kw('¡'))).toBe(1);
    expect(value('length', kw('❗️'))).toBe(2);
    expect(value('length', kw('😀'))).toBe(1);
    const r = evaluate('length', [{ type: 'text', cells: [['a', 'b'], null, 'abc'] }]);
    expect(r.cells).toEqual([null, null, 3]);
    expect(r.warnings).toEqual([failedHeader(), MV_WARNING]);
    expect(resolve('length', [{ type: 'integer', text: 'a' }])).toEqual({
      error: 'first argument of [length(a)] must be [string], found value [a] type [integer]',
    });
  });

  it('substring: 1-based, 0 same as 1, negative from the end, length', () => {
    expect(value('substring', kw('Facello'), int(3))).toBe('cello');
    expect(value('substring', kw('Facello'), int(3), int(1))).toBe('c');
    expect(value('substring', kw('Facello'), int(-3))).toBe('llo');
    expect(value('substring', kw('Gateway instances'), int(0), int(5))).toBe('Gatew');
    expect(value('substring', kw('abc'), int(10))).toBe('');
    expect(value('substring', kw('a😀b'), int(2), int(1))).toBe('😀');
    expect(evaluate('substring', [kw('abc'), int(1), int(-1)]).warnings[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: Length parameter cannot be negative, found [-1]',
    );
  });

  it('concat: variadic, null wins, multi-value warns', () => {
    expect(value('concat', kw('a'), kw(' '), kw('b'))).toBe('a b');
    expect(value('concat', kw(''), nul())).toBeNull();
    expect(resolve('concat', [{ type: 'keyword' }, { type: 'null' }])).toEqual({ type: 'keyword' });
    const r = evaluate('concat', [
      { type: 'keyword', cells: ['x', 'y'] },
      { type: 'text', cells: [['1', '2'], null] },
    ]);
    expect(r.cells).toEqual([null, null]);
    expect(r.warnings).toEqual([failedHeader(), MV_WARNING]);
  });

  it('trims, case, left, right, starts/ends_with', () => {
    expect(value('trim', kw('  a b  '))).toBe('a b');
    expect(value('ltrim', kw('  a  '))).toBe('a  ');
    expect(value('rtrim', kw('  a  '))).toBe('  a');
    expect(value('to_upper', kw('Some Text'))).toBe('SOME TEXT');
    expect(value('to_lower', kw('Some Text'))).toBe('some text');
    expect(value('left', kw('Facello'), int(3))).toBe('Fac');
    expect(value('right', kw('Facello'), int(3))).toBe('llo');
    expect(value('right', kw('ab'), int(5))).toBe('ab');
    expect(value('left', kw('ab'), int(-1))).toBe('');
    expect(value('starts_with', kw('Georgi'), kw('Ge'))).toBe(true);
    expect(value('ends_with', kw('Chirstian'), kw('an'))).toBe(true);
    expect(value('ends_with', kw('Chirstian'), kw('x'))).toBe(false);
  });

  it('replace uses regexes and Java group references', () => {
    expect(value('replace', kw('Georgi'), kw('Geo'), kw('foo'))).toBe('foorgi');
    expect(value('replace', kw('Gateway instances'), kw('\\s+'), kw(''))).toBe('Gatewayinstances');
    expect(value('replace', kw('10001'), kw('(0+)'), kw('A'))).toBe('1A1');
    expect(value('replace', kw('abc'), kw('(b)'), kw('[$1]'))).toBe('a[b]c');
    const bad = evaluate('replace', [kw('abc'), kw('('), kw('x')]);
    expect(bad.cells).toEqual([null]);
    expect(bad.warnings[1]).toMatch(/PatternSyntaxException/);
  });

  it('split returns a multi-value', () => {
    const r = evaluate('split', [{ type: 'keyword', cells: ['foo;bar;baz', 'one', null, 'a;;b'] }, { type: 'keyword', cells: [';', ';', ';', ';'] }]);
    expect(r.cells).toEqual([['foo', 'bar', 'baz'], 'one', null, ['a', '', 'b']]);
  });

  it('locate, reverse, repeat, space', () => {
    expect(value('locate', kw('a tiger'), kw('ti'))).toBe(3);
    expect(value('locate', kw('a tiger'), kw('x'))).toBe(0);
    expect(value('locate', kw('abcabc'), kw('b'), int(3))).toBe(5);
    expect(value('reverse', kw('Some Text'))).toBe('txeT emoS');
    expect(value('reverse', kw('a😀b'))).toBe('b😀a');
    expect(value('repeat', kw('ab'), int(3))).toBe('ababab');
    expect(evaluate('repeat', [kw('a'), int(-1)]).warnings[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: Number parameter cannot be negative, found [-1]',
    );
    expect(value('space', int(3))).toBe('   ');
  });
});

describe('byte, digest and encoding functions', () => {
  it('byte_length / bit_length', () => {
    expect(value('byte_length', kw('¡a'))).toBe(3);
    expect(value('bit_length', kw('¡a'))).toBe(24);
  });

  it('base64 round trip', () => {
    expect(value('to_base64', kw('elastic'))).toBe('ZWxhc3RpYw==');
    expect(value('from_base64', kw('ZWxhc3RpYw=='))).toBe('elastic');
  });

  it('digests', () => {
    expect(value('md5', kw('hello'))).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(value('sha1', kw('hello'))).toBe('aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
    expect(value('hash', kw('sha256'), kw('hello'))).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(evaluate('hash', [kw('nope'), kw('x')]).warnings[1]).toBe(
      'Line 1:10: java.security.NoSuchAlgorithmException: nope MessageDigest not available',
    );
  });

  it('url encoding', () => {
    expect(value('url_encode', kw('a b*c~'))).toBe('a+b*c%7E');
    expect(value('url_encode_component', kw('a b*c~'))).toBe('a%20b%2Ac~');
    expect(value('url_decode', kw('a+b%2Ac'))).toBe('a b*c');
  });
});

describe('contains', () => {
  it('finds substrings', () => {
    expect(value('contains', kw('a tiger'), kw('tig'))).toBe(true);
    expect(value('contains', kw('a tiger'), kw('lion'))).toBe(false);
  });
});
