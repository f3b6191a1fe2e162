import type { AnyType, DataType } from '../../compute/data-type.js';
import type { ArithmeticOp, ComparisonOp, LiteralScalar, Source } from '../ast.js';
import type { ScalarFunctionDefinition } from '../functions/function-definition.js';

/**
 * An expression after name and type resolution: every node knows its type, and field references
 * know the channel they read in the input Layout. The expression compiler turns this into an
 * ExpressionEvaluator; the analyzer folds constant subtrees into literals.
 */
export type ResolvedExpression =
  | ResolvedLiteral
  | ResolvedColumn
  | ResolvedCall
  | ResolvedArithmetic
  | ResolvedNegate
  | ResolvedComparison
  | ResolvedLogic
  | ResolvedNot
  | ResolvedIn
  | ResolvedIsNull
  | ResolvedLike;

/**
 * A constant. Values follow the Block representation of `type`: numbers for integer/long/double/
 * datetime, bigint for unsigned_long, strings for keyword/text/ip/version, lists for multi-values.
 * `date_period` / `time_duration` constants carry a TimeSpanValue.
 */
export interface ResolvedLiteral {
  readonly kind: 'literal';
  readonly type: AnyType;
  readonly value: LiteralScalar | readonly LiteralScalar[];
  readonly timeSpan?: TimeSpanValue;
  readonly source: Source;
}

/** A time span normalised to calendar months + days (date_period) or milliseconds (time_duration). */
export interface TimeSpanValue {
  readonly months: number;
  readonly days: number;
  readonly millis: number;
}

export interface ResolvedColumn {
  readonly kind: 'column';
  readonly type: DataType;
  readonly name: string;
  readonly channel: number;
  readonly source: Source;
}

export interface ResolvedCall {
  readonly kind: 'call';
  readonly type: AnyType;
  readonly def: ScalarFunctionDefinition;
  readonly args: readonly ResolvedExpression[];
  readonly source: Source;
}

export interface ResolvedArithmetic {
  readonly kind: 'arithmetic';
  readonly type: AnyType;
  readonly op: ArithmeticOp;
  readonly left: ResolvedExpression;
  readonly right: ResolvedExpression;
  readonly source: Source;
}

export interface ResolvedNegate {
  readonly kind: 'neg';
  readonly type: AnyType;
  readonly operand: ResolvedExpression;
  readonly source: Source;
}

export interface ResolvedComparison {
  readonly kind: 'compare';
  readonly type: 'boolean';
  readonly op: ComparisonOp;
  /** The type both sides are compared as (after widening). */
  readonly operandType: DataType;
  readonly left: ResolvedExpression;
  readonly right: ResolvedExpression;
  readonly source: Source;
}

export interface ResolvedLogic {
  readonly kind: 'logic';
  readonly type: 'boolean';
  readonly op: 'and' | 'or';
  readonly left: ResolvedExpression;
  readonly right: ResolvedExpression;
  readonly source: Source;
}

export interface ResolvedNot {
  readonly kind: 'not';
  readonly type: 'boolean';
  readonly operand: ResolvedExpression;
  readonly source: Source;
}

export interface ResolvedIn {
  readonly kind: 'in';
  readonly type: 'boolean';
  readonly operandType: DataType;
  readonly value: ResolvedExpression;
  readonly list: readonly ResolvedExpression[];
  readonly negated: boolean;
  readonly source: Source;
}

export interface ResolvedIsNull {
  readonly kind: 'is_null';
  readonly type: 'boolean';
  readonly operand: ResolvedExpression;
  readonly negated: boolean;
  readonly source: Source;
}

export interface ResolvedLike {
  readonly kind: 'like';
  readonly type: 'boolean';
  readonly value: ResolvedExpression;
  readonly regex: RegExp;
  readonly negated: boolean;
  readonly source: Source;
}

/** True when the expression reads no column (and so can be folded into a constant). */
export function isFoldable(e: ResolvedExpression): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'column':
      return false;
    case 'call':
      return e.def.testOnly !== true && e.args.every(isFoldable);
    case 'arithmetic':
    case 'compare':
    case 'logic':
      return isFoldable(e.left) && isFoldable(e.right);
    case 'neg':
    case 'not':
    case 'is_null':
      return isFoldable(e.operand);
    case 'in':
      return isFoldable(e.value) && e.list.every(isFoldable);
    case 'like':
      return isFoldable(e.value);
  }
}

/** The channels an expression reads, in first-use order. */
export function channelsOf(e: ResolvedExpression, out: number[] = []): number[] {
  switch (e.kind) {
    case 'literal':
      break;
    case 'column':
      if (!out.includes(e.channel)) out.push(e.channel);
      break;
    case 'call':
      for (const a of e.args) channelsOf(a, out);
      break;
    case 'arithmetic':
    case 'compare':
    case 'logic':
      channelsOf(e.left, out);
      channelsOf(e.right, out);
      break;
    case 'neg':
    case 'not':
    case 'is_null':
      channelsOf(e.operand, out);
      break;
    case 'in':
      channelsOf(e.value, out);
      for (const a of e.list) channelsOf(a, out);
      break;
    case 'like':
      channelsOf(e.value, out);
      break;
  }
  return out;
}
