/**
 * Cursor over the token list shared by the expression and command parsers: lookahead, case-insensitive
 * keyword matching, source spans and ANTLR-style `line L:C:` errors.
 */
import type { Source } from '../ast.js';
import { parsingException } from '../../errors.js';
import { SourcePositions, tokenize, type Token } from '../lexer.js';

export class TokenStream {
  protected readonly tokens: Token[];
  protected readonly positions: SourcePositions;
  protected index = 0;

  constructor(protected readonly query: string) {
    this.positions = new SourcePositions(query);
    this.tokens = tokenize(query, this.positions);
  }

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  protected next(): Token {
    const tok = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return tok;
  }

  /** True when the token is the keyword `word` (lower case), in any spelling. */
  protected static isWord(tok: Token, word: string): boolean {
    return (tok.kind === 'ident' || tok.kind === 'index' || tok.kind === 'pattern') && tok.text.toLowerCase() === word;
  }

  protected isKeyword(word: string, ahead = 0): boolean {
    return TokenStream.isWord(this.peek(ahead), word);
  }

  protected acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  protected expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) this.mismatched([`'${word}'`]);
    return this.next();
  }

  protected isOp(op: string, ahead = 0): boolean {
    const tok = this.peek(ahead);
    return tok.kind === 'op' && tok.text === op;
  }

  protected acceptOp(op: string): Token | undefined {
    return this.isOp(op) ? this.next() : undefined;
  }

  protected expectOp(op: string): Token {
    if (!this.isOp(op)) this.mismatched([`'${op}'`]);
    return this.next();
  }

  /** End offset of the last consumed token. */
  protected lastEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1].end;
  }

  /** The source span from `start` (an offset) to the end of the last consumed token. */
  protected sourceFrom(start: number): Source {
    return this.span(start, this.lastEnd());
  }

  protected span(start: number, end: number): Source {
    const { line, column } = this.positions.position(start);
    return { line, column, text: this.query.slice(start, end) };
  }

  protected fail(tok: Token, message: string): never {
    throw parsingException(this.positions.prefix(tok.start) + message);
  }

  protected mismatched(expected: readonly string[], tok: Token = this.peek()): never {
    const what = tok.kind === 'eof' ? '<EOF>' : tok.text;
    const list = expected.length === 1 ? expected[0] : `{${expected.join(', ')}}`;
    this.fail(tok, `mismatched input '${what}' expecting ${list}`);
  }
}
