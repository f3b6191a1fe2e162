import type { Source } from '../esql/ast.js';
import { tokenize } from '../esql/lexer.js';

/** A piece of a generated query: literal text, or a span [from, to) of the user's query copied verbatim. */
export type Part = string | { readonly from: number; readonly to: number };

/**
 * Where a copied piece sits in a generated query and where it came from in the user's query, both as
 * 1-based line:column (one line per span), so `Line L:C:` positions of warnings can be mapped back.
 */
export interface CopiedSpan {
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly userLine: number;
  readonly userColumn: number;
}

/**
 * The user's query text, cut by the AST's source spans so that the split queries are rebuilt from
 * the user's own text: same spelling, same literals, and the prefix at the same positions.
 */
export class QueryText {
  private readonly lineStarts: number[] = [0];
  /** Offset -> 1-based position of each anonymous `?` token. */
  readonly anonymousParams = new Map<number, number>();

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    let position = 0;
    for (const tok of tokenize(text)) {
      if (tok.kind === 'param' && tok.value === '') this.anonymousParams.set(tok.start, ++position);
    }
  }

  /** Offset where a node starts; -1 when its span does not match the text (never expected). */
  start(source: Source): number {
    const lineStart = this.lineStarts[source.line - 1];
    if (lineStart === undefined) return -1;
    const offset = lineStart + source.column - 1;
    return this.text.startsWith(source.text, offset) ? offset : -1;
  }

  end(source: Source): number {
    const start = this.start(source);
    return start < 0 ? -1 : start + source.text.length;
  }

  /** The part copying a node's text. */
  of(source: Source): Part {
    return { from: this.start(source), to: this.end(source) };
  }

  /** Whether every span is found in the text (so offsets computed from them are trustworthy). */
  covers(sources: readonly Source[]): boolean {
    return sources.every((s) => this.start(s) >= 0);
  }

  position(offset: number): { line: number; column: number } {
    let line = this.lineStarts.length - 1;
    while (this.lineStarts[line] > offset) line--;
    return { line: line + 1, column: offset - this.lineStarts[line] + 1 };
  }
}

/**
 * Assembles a generated query from parts, remembering which anonymous `?` of the user's query each
 * copied `?` is (so the params can be passed in the generated order) and where copies landed.
 */
export class QueryBuilder {
  private text = '';
  private line = 1;
  private column = 1;
  private readonly params: number[] = [];
  private readonly spans: CopiedSpan[] = [];

  constructor(private readonly user: QueryText) {}

  add(...parts: readonly Part[]): this {
    for (const part of parts) {
      if (typeof part === 'string') this.write(part);
      else this.copy(part.from, part.to);
    }
    return this;
  }

  /** Parts joined by `separator`. */
  addJoined(fragments: readonly (readonly Part[])[], separator: string): this {
    fragments.forEach((f, i) => {
      if (i > 0) this.write(separator);
      this.add(...f);
    });
    return this;
  }

  build(): { readonly text: string; readonly anonymousParams: readonly number[]; readonly spans: readonly CopiedSpan[] } {
    return { text: this.text, anonymousParams: this.params, spans: this.spans };
  }

  private copy(from: number, to: number): void {
    for (const [offset, position] of this.user.anonymousParams) if (offset >= from && offset < to) this.params.push(position);
    let at = from;
    while (at < to) {
      const newline = this.user.text.indexOf('\n', at);
      const lineEnd = newline < 0 || newline >= to ? to : newline + 1;
      const user = this.user.position(at);
      this.spans.push({ line: this.line, column: this.column, length: lineEnd - at, userLine: user.line, userColumn: user.column });
      this.write(this.user.text.slice(at, lineEnd));
      at = lineEnd;
    }
  }

  private write(s: string): void {
    this.text += s;
    const newline = s.lastIndexOf('\n');
    if (newline < 0) this.column += s.length;
    else {
      this.line += s.split('\n').length - 1;
      this.column = s.length - newline;
    }
  }
}

/** A column name as an ES|QL identifier: always backticked, inner backticks doubled. */
export const quoteName = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
