/**
 * The ES|QL lexer. Like the upstream ANTLR lexer it has modes: after a FROM at command start it reads
 * index patterns (which may hold `-`, `*`, `:`), after KEEP/DROP/RENAME it reads name patterns (which may
 * hold `*`), everywhere else expression tokens. Keywords are not token kinds: they are identifiers that
 * the parser compares case-insensitively, so a keyword spelled in any case works.
 */
import { parsingException } from '../errors.js';

export type TokenKind =
  | 'ident' // unquoted identifier or keyword
  | 'qident' // `backticked` identifier, value unescaped
  | 'int'
  | 'decimal'
  | 'string' // value unescaped
  | 'param' // ?, ?1, ?name; value is '' for a bare `?`
  | 'op'
  | 'index' // FROM mode: an index pattern or a METADATA name
  | 'pattern' // KEEP/DROP/RENAME mode: a name pattern, value without backticks
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Exactly as written in the query. */
  readonly text: string;
  /** The meaning: unescaped string, unquoted identifier, param name; equal to text otherwise. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

type Mode = 'expr' | 'from' | 'project';

const OPERATORS = ['::', '==', '!=', '<=', '>=', '=~', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.', '|', ';', ':', '{', '}'];
const PROJECT_COMMANDS = new Set(['keep', 'drop', 'rename']);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isIdentChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f';
const isPatternChar = (c: string) => isIdentChar(c) || c === '@' || c === '*' || c === '.';
/** Characters that end an unquoted index pattern (besides whitespace and comments). */
const INDEX_STOP = new Set(['|', ',', '"', '[', ']', '=', '(', ')', '`']);

/** Maps offsets to 1-based line:column, counting lines on `\n` as ANTLR does (`\r` is an ordinary char). */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  /** `line L:C: ` prefix for an error at `offset`. */
  prefix(offset: number): string {
    const { line, column } = this.position(offset);
    return `line ${line}:${column}: `;
  }
}

export function tokenize(query: string, positions = new SourcePositions(query)): Token[] {
  return new Lexer(query, positions).run();
}

class Lexer {
  private pos = 0;
  private mode: Mode = 'expr';
  private atCommandStart = true;
  private readonly tokens: Token[] = [];

  constructor(
    private readonly src: string,
    private readonly positions: SourcePositions,
  ) {}

  run(): Token[] {
    for (;;) {
      this.skipHidden();
      if (this.pos >= this.src.length) break;
      const tok = this.next();
      this.tokens.push(tok);
      this.afterToken(tok);
    }
    this.tokens.push({ kind: 'eof', text: '<EOF>', value: '', start: this.src.length, end: this.src.length });
    return this.tokens;
  }

  /** Mode switches happen on the command keyword, the way the upstream lexer pushes modes. */
  private afterToken(tok: Token): void {
    if (tok.kind === 'op' && (tok.text === '|' || tok.text === ';')) {
      this.mode = 'expr';
      this.atCommandStart = true;
      return;
    }
    if (this.atCommandStart && tok.kind === 'ident') {
      const word = tok.text.toLowerCase();
      if (word === 'from') this.mode = 'from';
      else if (PROJECT_COMMANDS.has(word)) this.mode = 'project';
    }
    this.atCommandStart = false;
  }

  private error(offset: number, message: string): never {
    throw parsingException(this.positions.prefix(offset) + message);
  }

  private skipHidden(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) return;
      if (isSpace(c)) {
        this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '/') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const close = s.indexOf('*/', this.pos + 2);
        if (close < 0) this.error(this.pos, `token recognition error at: '${s.slice(this.pos, this.pos + 2)}'`);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  private token(kind: TokenKind, start: number, value?: string): Token {
    const text = this.src.slice(start, this.pos);
    return { kind, text, value: value ?? text, start, end: this.pos };
  }

  private next(): Token {
    const c = this.src[this.pos];
    if (c === '"') return this.string();
    if (c === '|' || c === ',' || c === ';') {
      this.pos++;
      return this.token('op', this.pos - 1);
    }
    if (this.mode === 'from') return this.indexPattern();
    if (this.mode === 'project') return this.namePattern();
    return this.expressionToken();
  }

  private expressionToken(): Token {
    const s = this.src;
    const start = this.pos;
    const c = s[start];
    if (isDigit(c) || (c === '.' && isDigit(s[start + 1] ?? '') && !this.followsIdentifier())) return this.number();
    if (isLetter(c) || ((c === '_' || c === '@') && isIdentChar(s[start + 1] ?? ''))) {
      this.pos++;
      while (this.pos < s.length && isIdentChar(s[this.pos])) this.pos++;
      return this.token('ident', start);
    }
    if (c === '`') return this.token('qident', start, this.quotedIdentifier());
    if (c === '?') return this.param();
    for (const op of OPERATORS) {
      if (s.startsWith(op, start)) {
        this.pos += op.length;
        return this.token('op', start);
      }
    }
    this.error(start, `token recognition error at: '${c}'`);
  }

  /** `a.5` never occurs, but `a.b` must lex `.` as a dot, not as the start of `.5`. */
  private followsIdentifier(): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    return prev !== undefined && prev.end === this.pos && (prev.kind === 'ident' || prev.kind === 'qident');
  }

  private number(): Token {
    const s = this.src;
    const start = this.pos;
    while (isDigit(s[this.pos] ?? '')) this.pos++;
    let decimal = false;
    if (s[this.pos] === '.') {
      decimal = true;
      this.pos++;
      while (isDigit(s[this.pos] ?? '')) this.pos++;
    }
    if (s[this.pos] === 'e' || s[this.pos] === 'E') {
      let p = this.pos + 1;
      if (s[p] === '+' || s[p] === '-') p++;
      if (isDigit(s[p] ?? '')) {
        decimal = true;
        while (isDigit(s[p] ?? '')) p++;
        this.pos = p;
      }
    }
    return this.token(decimal ? 'decimal' : 'int', start);
  }

  /** Returns the unescaped name; the opening backtick is at `pos`. */
  private quotedIdentifier(): string {
    const s = this.src;
    const start = this.pos;
    let value = '';
    this.pos++;
    for (;;) {
      const close = s.indexOf('`', this.pos);
      if (close < 0) this.error(start, `token recognition error at: '${s.slice(start)}'`);
      value += s.slice(this.pos, close);
      this.pos = close + 1;
      if (s[this.pos] !== '`') return value;
      value += '`';
      this.pos++;
    }
  }

  private param(): Token {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    if (s[this.pos] === '?') this.error(start, `token recognition error at: '??'`);
    if (isDigit(s[this.pos] ?? '')) {
      while (isDigit(s[this.pos] ?? '')) this.pos++;
    } else if (isLetter(s[this.pos] ?? '') || s[this.pos] === '_') {
      while (isIdentChar(s[this.pos] ?? '')) this.pos++;
    }
    return this.token('param', start, s.slice(start + 1, this.pos));
  }

  private string(): Token {
    const s = this.src;
    const start = this.pos;
    if (s.startsWith('"""', start)) {
      const close = s.indexOf('"""', start + 3);
      const nl = s.slice(start + 3, close < 0 ? undefined : close).search(/[\r\n]/);
      if (close < 0 || nl >= 0) this.error(start, `token recognition error at: '${s.slice(start, start + 3)}'`);
      // Upstream's rule is `'"""' .*? '"""' '"'? '"'?`: quotes right before the closing ones belong to the text.
      let end = close + 3;
      while (end < s.length && s[end] === '"' && end < close + 5) end++;
      this.pos = end;
      return this.token('string', start, s.slice(start + 3, end - 3));
    }
    let value = '';
    let i = start + 1;
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n' || c === '\r') {
        this.error(start, `token recognition error at: '${s.slice(start, i)}'`);
      }
      if (c === '"') break;
      if (c === '\\') {
        const e = s[i + 1];
        const unescaped = e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === '"' ? '"' : e === '\\' ? '\\' : undefined;
        if (unescaped === undefined) this.error(start, `token recognition error at: '${s.slice(start, i + 2)}'`);
        value += unescaped;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return this.token('string', start, value);
  }

  private indexPattern(): Token {
    const s = this.src;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (isSpace(c) || INDEX_STOP.has(c)) break;
      if (c === '/' && (s[this.pos + 1] === '/' || s[this.pos + 1] === '*')) break;
      this.pos++;
    }
    if (this.pos === start) {
      this.pos++;
      return this.token('op', start);
    }
    return this.token('index', start);
  }

  /** A name pattern is any run of identifier chars, `*`, `.` and backticked parts, without spaces. */
  private namePattern(): Token {
    const s = this.src;
    const start = this.pos;
    let value = '';
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '`') {
        value += this.quotedIdentifier();
      } else if (isPatternChar(c)) {
        value += c;
        this.pos++;
      } else {
        break;
      }
    }
    if (this.pos > start) return this.token('pattern', start, value);
    if (s[start] === '=' && s[start + 1] !== '=') {
      this.pos++;
      return this.token('op', start);
    }
    return this.expressionToken();
  }
}
