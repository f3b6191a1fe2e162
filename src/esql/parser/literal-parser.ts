/**
 * Constants: numbers, strings, booleans, null, request parameters, time spans and multi-value lists.
 * They sit below expressions in the parser stack because lists, LIKE patterns, DISSECT/GROK patterns and
 * LIMIT all take constants without being general expressions.
 */
import type { Literal, QueryParams, TimeSpan } from '../ast.js';
import type { Token } from '../lexer.js';
import { commonType, decimalLiteral, integerLiteral, isTimeUnit, negate, widen, type TypedValue } from './literal-values.js';
import { ParamBinder } from './param-binder.js';
import { TokenStream } from './token-stream.js';

export class LiteralParser extends TokenStream {
  private readonly binder: ParamBinder;

  constructor(query: string, params: QueryParams | undefined) {
    super(query);
    this.binder = new ParamBinder(params);
  }

  /** The constant at the cursor: a number (or `N unit` time span), string, parameter, true/false/null. */
  protected constant(): Literal | TimeSpan {
    const tok = this.next();
    switch (tok.kind) {
      case 'int': {
        const unit = this.peek();
        if (unit.kind === 'ident' && isTimeUnit(unit.text)) {
          this.next();
          return { kind: 'timespan', amount: Number(tok.text), unit: unit.text.toLowerCase(), source: this.sourceFrom(tok.start) };
        }
        return this.literal(integerLiteral(tok.text), tok);
      }
      case 'decimal':
        return this.literal(decimalLiteral(tok.text), tok);
      case 'string':
        return this.literal({ type: 'keyword', value: tok.value }, tok);
      case 'param':
        return this.literal(this.paramValueOf(tok), tok);
      default: {
        const word = tok.kind === 'ident' ? tok.text.toLowerCase() : '';
        if (word === 'null') return this.literal({ type: 'null', value: null }, tok);
        if (word === 'true' || word === 'false') return this.literal({ type: 'boolean', value: word === 'true' }, tok);
        this.mismatched(['INTEGER', 'DECIMAL', 'QUOTED_STRING', "'?'", "'true'", "'false'", "'null'"], tok);
      }
    }
  }

  private literal(t: TypedValue, tok: Token): Literal {
    return { kind: 'literal', type: t.type, value: t.value, source: this.span(tok.start, tok.end) };
  }

  /** `[1, 2]`, `["a", "b"]`, `[1.5, -2]`: constants only, widened to one element type. */
  protected listLiteral(): Literal {
    const open = this.next();
    const elements: TypedValue[] = [];
    do {
      elements.push(this.listElement());
    } while (this.acceptOp(','));
    this.expectOp(']');
    const common = commonType(elements.map((e) => e.type));
    if ('error' in common) this.fail(open, common.error);
    const value = elements.map((e) => widen(e.value, common.type));
    return { kind: 'literal', type: common.type, value, source: this.sourceFrom(open.start) };
  }

  private listElement(): TypedValue {
    const sign = this.acceptOp('-') ?? this.acceptOp('+');
    const tok = this.peek();
    let t: TypedValue | undefined;
    if (tok.kind === 'int') t = integerLiteral(tok.text);
    else if (tok.kind === 'decimal') t = decimalLiteral(tok.text);
    else if (!sign && tok.kind === 'string') t = { type: 'keyword', value: tok.value };
    else if (!sign && tok.kind === 'param') t = this.paramValueOf(tok);
    else if (!sign && tok.kind === 'ident' && ['true', 'false'].includes(tok.text.toLowerCase())) {
      t = { type: 'boolean', value: tok.text.toLowerCase() === 'true' };
    } else if (!sign && TokenStream.isWord(tok, 'null')) t = { type: 'null', value: null };
    if (!t) this.mismatched(["'-'", 'INTEGER', 'DECIMAL', 'QUOTED_STRING', "'true'", "'false'"]);
    this.next();
    // Only numbers may carry a sign here, and negating a number always succeeds.
    return sign?.text === '-' ? (negate(t) ?? t) : t;
  }

  /** A string literal, or a parameter holding a string (LIKE patterns, DISSECT/GROK patterns). */
  protected stringValue(): string {
    const tok = this.peek();
    if (tok.kind === 'string') return this.next().value;
    if (tok.kind === 'param') {
      const t = this.paramValueOf(tok);
      if (typeof t.value !== 'string') this.fail(tok, `expected a string parameter for [${tok.text}]`);
      this.next();
      return t.value;
    }
    this.mismatched(['QUOTED_STRING']);
  }

  protected paramValueOf(tok: Token): TypedValue {
    const bound = this.binder.bind(tok.value);
    if ('error' in bound) this.fail(tok, bound.error);
    return bound;
  }
}
