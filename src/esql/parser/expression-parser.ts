/**
 * Recursive-descent / precedence-climbing parser for ES|QL expressions. Levels, loosest first:
 * OR, AND, NOT, predicates (IN / IS NULL / LIKE / RLIKE), one non-associative comparison, + -, * / %,
 * unary - +, postfix `::type`, primaries. A binary node's source runs from its first token to its last,
 * so `(a + b) * c` keeps the parentheses in its text while `(a + b)` alone is the inner node, as in ES.
 */
import type {
  ArithmeticOp,
  ComparisonOp,
  Expression,
  FieldRef,
  LogicalOp,
  LiteralScalar,
  Source,
} from '../ast.js';
import { LiteralParser } from './literal-parser.js';
import { negate } from './literal-values.js';

const MAX_EXPRESSION_DEPTH = 400;

const LOGICAL_PRECEDENCE = new Map([
  ['or', 1],
  ['and', 2],
]);
const ARITHMETIC_PRECEDENCE = new Map([
  ['+', 1],
  ['-', 1],
  ['*', 2],
  ['/', 2],
  ['%', 2],
]);

const COMPARISONS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);

/** Words that end or continue an expression and therefore cannot be a bare field name. */
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'like', 'rlike', 'by', 'asc', 'desc', 'nulls']);

const EXPECTED_PRIMARY = ["'('", "'['", "'?'", "'-'", "'+'", "'not'", "'null'", "'true'", "'false'", 'INTEGER', 'DECIMAL', 'QUOTED_STRING', 'IDENTIFIER'];

export class ExpressionParser extends LiteralParser {
  /**
   * Nesting guard: ES caps expression depth at 400 so that a hostile query fails with a parsing error
   * instead of overflowing the stack, which here would surface as a 500.
   */
  private depth = 0;

  private deeper(): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      this.fail(this.peek(), `ESQL statement exceeded the maximum expression depth allowed (${MAX_EXPRESSION_DEPTH})`);
    }
  }

  protected booleanExpression(): Expression {
    this.deeper();
    try {
      return this.binary(LOGICAL_PRECEDENCE, 1, () => this.notExpression());
    } finally {
      this.depth--;
    }
  }

  private notExpression(): Expression {
    const start = this.peek().start;
    if (this.acceptKeyword('not')) {
      this.deeper();
      const operand = this.notExpression();
      this.depth--;
      return { kind: 'not', operand, source: this.sourceFrom(start) };
    }
    return this.predicate();
  }

  private predicate(): Expression {
    const start = this.peek().start;
    const value = this.valueExpression();
    let negated = false;
    if (this.isKeyword('not') && ['in', 'like', 'rlike'].some((w) => this.isKeyword(w, 1))) {
      this.next();
      negated = true;
    }
    if (this.acceptKeyword('in')) {
      this.expectOp('(');
      const list = [this.valueExpression()];
      while (this.acceptOp(',')) list.push(this.valueExpression());
      this.expectOp(')');
      return { kind: 'in', value, list, negated, source: this.sourceFrom(start) };
    }
    const like = this.acceptKeyword('like') ?? this.acceptKeyword('rlike');
    if (like) {
      const pattern = this.stringValue();
      const kind = like.text.toLowerCase() === 'like' ? 'like' : 'rlike';
      return { kind, value, pattern, negated, source: this.sourceFrom(start) };
    }
    if (!negated && this.acceptKeyword('is')) {
      const isNot = this.acceptKeyword('not') !== undefined;
      this.expectKeyword('null');
      return { kind: 'is_null', operand: value, negated: isNot, source: this.sourceFrom(start) };
    }
    return value;
  }

  /** An arithmetic expression with at most one comparison: `a < b < c` is a syntax error, as in ES. */
  protected valueExpression(): Expression {
    const start = this.peek().start;
    const left = this.arithmetic();
    const tok = this.peek();
    if (tok.kind !== 'op' || !COMPARISONS.has(tok.text)) return left;
    this.next();
    const right = this.arithmetic();
    return { kind: 'binary', op: tok.text as ComparisonOp, left, right, source: this.sourceFrom(start) };
  }

  private arithmetic(): Expression {
    return this.binary(ARITHMETIC_PRECEDENCE, 1, () => this.unary());
  }

  /**
   * Precedence climbing over one family of left-associative operators (keywords matched lower-cased).
   * It uses one stack frame per precedence level actually nested, not one per level of the grammar,
   * and counts every link of a chain as depth because the tree it builds is that deep.
   */
  private binary(precedence: ReadonlyMap<string, number>, minPrecedence: number, operand: () => Expression): Expression {
    const start = this.peek().start;
    const depth = this.depth;
    let left = operand();
    try {
      for (;;) {
        const tok = this.peek();
        const op = tok.kind === 'op' ? tok.text : tok.kind === 'ident' ? tok.text.toLowerCase() : '';
        const level = precedence.get(op);
        if (level === undefined || level < minPrecedence) return left;
        this.next();
        this.deeper();
        const right = this.binary(precedence, level + 1, operand);
        left = { kind: 'binary', op: op as ArithmeticOp | LogicalOp, left, right, source: this.sourceFrom(start) };
      }
    } finally {
      this.depth = depth;
    }
  }

  private unary(): Expression {
    const start = this.peek().start;
    const sign = this.acceptOp('-') ?? this.acceptOp('+');
    if (!sign) return this.postfix();
    // A sign right before a number is part of the constant in the ES grammar (`-2147483648` is an integer,
    // `-1::long` casts -1); anything else, including `--1`, is an operator applied to an operand.
    const next = this.peek().kind;
    if (next === 'int' || next === 'decimal') {
      return this.casts(this.signed(sign.text, this.primary(), start), start);
    }
    this.deeper();
    const operand = this.unary();
    this.depth--;
    const source = this.sourceFrom(start);
    // `+x` has no node of its own; the operand just takes the wider text.
    return sign.text === '+' ? { ...operand, source } : { kind: 'neg', operand, source };
  }

  /** A number literal or time span with its sign folded in. */
  private signed(sign: string, constant: Expression, start: number): Expression {
    const source = this.sourceFrom(start);
    if (sign === '+') return { ...constant, source };
    if (constant.kind === 'timespan') return { ...constant, amount: -constant.amount, source };
    if (constant.kind === 'literal' && !Array.isArray(constant.value)) {
      const folded = negate({ type: constant.type, value: constant.value as LiteralScalar });
      if (folded) return { kind: 'literal', ...folded, source };
    }
    return { kind: 'neg', operand: constant, source };
  }

  protected postfix(): Expression {
    const start = this.peek().start;
    return this.casts(this.primary(), start);
  }

  /** Postfix `::type` casts, which bind tighter than any operator. */
  private casts(operand: Expression, start: number): Expression {
    let expr = operand;
    while (this.acceptOp('::')) {
      const type = this.peek();
      if (type.kind !== 'ident') this.mismatched(['IDENTIFIER']);
      this.next();
      expr = { kind: 'cast', operand: expr, targetType: type.text.toLowerCase(), source: this.sourceFrom(start) };
    }
    return expr;
  }

  protected primary(): Expression {
    const tok = this.peek();
    switch (tok.kind) {
      case 'op':
        if (tok.text === '(') {
          this.next();
          const inner = this.booleanExpression();
          this.expectOp(')');
          return inner;
        }
        if (tok.text === '[') return this.listLiteral();
        break;
      case 'int':
      case 'decimal':
      case 'string':
      case 'param':
        return this.constant();
      case 'ident': {
        const word = tok.text.toLowerCase();
        if (word === 'null' || word === 'true' || word === 'false') return this.constant();
        if (this.isOp('(', 1)) return this.functionCall();
        if (RESERVED.has(word)) break;
        return this.fieldRef();
      }
      case 'qident':
        return this.fieldRef();
      default:
        break;
    }
    this.mismatched(EXPECTED_PRIMARY);
  }

  private functionCall(): Expression {
    const nameTok = this.next();
    this.expectOp('(');
    const args: Expression[] = [];
    let star = false;
    if (this.acceptOp('*')) {
      star = true;
    } else if (!this.isOp(')')) {
      args.push(this.booleanExpression());
      while (this.acceptOp(',')) args.push(this.booleanExpression());
    }
    this.expectOp(')');
    return { kind: 'call', name: nameTok.text.toLowerCase(), args, star, source: this.sourceFrom(nameTok.start) };
  }

  protected fieldRef(): FieldRef {
    const { name, source } = this.qualifiedName();
    return { kind: 'field', name, source };
  }

  /** `a.b.c`, each part plain or backticked; the name joins the unquoted parts with dots. */
  protected qualifiedName(): { name: string; source: Source } {
    const first = this.peek();
    const parts = [this.identifierPart()];
    while (this.isOp('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'qident')) {
      this.next();
      parts.push(this.identifierPart());
    }
    return { name: parts.join('.'), source: this.sourceFrom(first.start) };
  }

  private identifierPart(): string {
    const tok = this.peek();
    if (tok.kind !== 'ident' && tok.kind !== 'qident') this.mismatched(['IDENTIFIER']);
    this.next();
    return tok.value;
  }

  /** True when the next tokens are a qualified name followed by a single `=` (an alias). */
  protected atAssignment(): boolean {
    let i = 0;
    for (;;) {
      const kind = this.peek(i).kind;
      if (kind !== 'ident' && kind !== 'qident') return false;
      i++;
      if (!this.isOp('.', i)) break;
      i++;
    }
    return this.isOp('=', i);
  }
}
