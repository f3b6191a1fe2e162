import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { SourcePositions, tokenize, type Token } from '../../src/esql/lexer.js';

const kinds = (q: string) => tokenize(q).map((t) => `${t.kind}:${t.value}`);
const texts = (q: string) => tokenize(q).filter((t) => t.kind !== 'eof').map((t) => t.text);

function lexError(q: string): EsError {
  try {
    tokenize(q);
  } catch (e) {
    expect(e).toBeInstanceOf(EsError);
    return e as EsError;
  }
  throw new Error(`expected a lexing error for ${q}`);
}

describe('lexer: expression mode', () => {
  it('splits identifiers, numbers, operators and ends with EOF', () => {
    expect(kinds('ROW a = 1 + 2.5')).toEqual(['ident:ROW', 'ident:a', 'op:=', 'int:1', 'op:+', 'decimal:2.5', 'eof:']);
  });

  it('prefers the longest operator', () => {
    expect(texts('a==b!=c<=d>=e::f<g>h=i')).toEqual(['a', '==', 'b', '!=', 'c', '<=', 'd', '>=', 'e', '::', 'f', '<', 'g', '>', 'h', '=', 'i']);
  });

  it('reads every decimal form as a decimal and plain digits as an integer', () => {
    for (const d of ['1.5', '1.', '.5', '1e10', '1.5E-3', '2e+4', '.5e1']) expect(kinds(`ROW ${d}`)[1]).toBe(`decimal:${d}`);
    expect(kinds('ROW 42')[1]).toBe('int:42');
  });

  it('splits an integer glued to a unit into integer and identifier', () => {
    expect(kinds('ROW 20ms')).toEqual(['ident:ROW', 'int:20', 'ident:ms', 'eof:']);
  });

  it('reads identifiers starting with @ or _ and dotted names as dot-separated parts', () => {
    expect(texts('@timestamp _index a.b.c')).toEqual(['@timestamp', '_index', 'a', '.', 'b', '.', 'c']);
  });

  it('does not mistake the dot after an identifier for a decimal point', () => {
    expect(texts('ROW a.b1, x .5')).toEqual(['ROW', 'a', '.', 'b1', ',', 'x', '.5']);
  });

  it('unescapes backticked identifiers', () => {
    const [, tok] = tokenize('ROW `a``b c`');
    expect(tok).toMatchObject({ kind: 'qident', text: '`a``b c`', value: 'a`b c' });
  });

  it('unescapes strings and keeps the written text', () => {
    const [, tok] = tokenize('ROW "a\\tb\\nc\\rd\\"e\\\\f"');
    expect(tok.kind).toBe('string');
    expect(tok.value).toBe('a\tb\nc\rd"e\\f');
    expect(tok.text).toBe('"a\\tb\\nc\\rd\\"e\\\\f"');
  });

  it('keeps triple-quoted strings raw, including quotes before the closing ones', () => {
    expect(tokenize('ROW """a\\t"b"""')[1].value).toBe('a\\t"b');
    expect(tokenize('ROW """x""""')[1].value).toBe('x"');
  });

  it('reads the three parameter forms', () => {
    expect(kinds('? ?12 ?name')).toEqual(['param:', 'param:12', 'param:name', 'eof:']);
  });

  it('hides line and block comments anywhere', () => {
    expect(texts('ROW a /* x\n y */ = 1 // tail\r\n, b')).toEqual(['ROW', 'a', '=', '1', ',', 'b']);
  });

  it('records offsets that slice back to the token text', () => {
    const q = 'ROW\r\n  abc = "x"';
    for (const t of tokenize(q).filter((t: Token) => t.kind !== 'eof')) expect(q.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('lexer: FROM mode', () => {
  it('reads index patterns with -, *, :, . and quoted names', () => {
    expect(kinds('FROM logs-*, remote:idx.v1, "my index" METADATA _index')).toEqual([
      'ident:FROM', 'index:logs-*', 'op:,', 'index:remote:idx.v1', 'op:,', 'string:my index', 'index:METADATA', 'index:_index', 'eof:',
    ]);
  });

  it('returns to expression mode after the pipe', () => {
    expect(kinds('from a-b|where x-1')).toEqual(['ident:from', 'index:a-b', 'op:|', 'ident:where', 'ident:x', 'op:-', 'int:1', 'eof:']);
  });

  it('hides comments after an index pattern', () => {
    expect(texts('FROM a // c\n, b/*x*/')).toEqual(['FROM', 'a', ',', 'b']);
  });

  it('does not switch mode on FROM that is not a command', () => {
    expect(kinds('ROW from = 1')[1]).toBe('ident:from');
  });
});

describe('lexer: KEEP/DROP/RENAME mode', () => {
  it('reads wildcard patterns, backticked parts and dotted names as one token', () => {
    expect(kinds('ROW a=1 | KEEP last*name, *, `a*b`.c*, @timestamp')).toEqual([
      'ident:ROW', 'ident:a', 'op:=', 'int:1', 'op:|', 'ident:KEEP',
      'pattern:last*name', 'op:,', 'pattern:*', 'op:,', 'pattern:a*b.c*', 'op:,', 'pattern:@timestamp', 'eof:',
    ]);
  });

  it('reads the assignment of RENAME new = old', () => {
    expect(kinds('ROW a=1 | RENAME b = a')).toContain('op:=');
    expect(kinds('ROW a=1 | RENAME b = a').slice(-4)).toEqual(['pattern:b', 'op:=', 'pattern:a', 'eof:']);
  });
});

describe('lexer errors', () => {
  it('reports unknown characters with line and column', () => {
    const e = lexError('ROW a = 1\r\n| EVAL b = ~x');
    expect(e.type).toBe('parsing_exception');
    expect(e.message).toBe("line 2:12: token recognition error at: '~'");
  });

  it('rejects unknown escapes, unterminated strings and comments', () => {
    expect(lexError('ROW "a\\qb"').message).toMatch(/^line 1:5: token recognition error/);
    expect(lexError('ROW "abc').message).toMatch(/^line 1:5: /);
    expect(lexError('ROW a /* never closed').message).toMatch(/^line 1:7: /);
    expect(lexError('ROW `abc').message).toMatch(/^line 1:5: /);
  });
});

describe('SourcePositions', () => {
  it('counts lines on LF so CRLF-joined queries get the same columns', () => {
    const p = new SourcePositions('ab\r\ncd\nef');
    expect(p.position(0)).toEqual({ line: 1, column: 1 });
    expect(p.position(4)).toEqual({ line: 2, column: 1 });
    expect(p.position(8)).toEqual({ line: 3, column: 2 });
    expect(p.prefix(5)).toBe('line 2:2: ');
  });
});
