import type { DataType } from '../../compute/data-type.js';
import type { ResolvedComparison, ResolvedExpression } from '../analyzer/resolved-expression.js';
import type { LiteralScalar } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { ArgInfo, FunctionContext } from '../functions/function-definition.js';
import type { Warnings } from '../warnings.js';
import { ArithmeticEvaluator, NegateEvaluator, type NumericResultType } from './arithmetic-evaluator.js';
import { ColumnEvaluator } from './column-evaluator.js';
import { type CompareKind, ComparisonEvaluator } from './comparison-evaluator.js';
import { ConstantComparisonEvaluator } from './constant-comparison-evaluator.js';
import { DateMathEvaluator } from './date-math-evaluator.js';
import { InEvaluator } from './in-evaluator.js';
import { LikeEvaluator } from './like-evaluator.js';
import { LiteralEvaluator } from './literal-evaluator.js';
import { IsNullEvaluator, LogicEvaluator, NotEvaluator } from './logical-evaluators.js';
import { compareIp, compareUtf8, compareVersion } from '../../compute/value-order.js';

/** What compiled expressions report into: one per query execution. */
export interface CompileContext {
  readonly warnings: Warnings;
  readonly nowMs: number;
}

/** Turns a resolved expression into an evaluator bound to one query's Warnings. */
export function compileExpression(e: ResolvedExpression, ctx: CompileContext): ExpressionEvaluator {
  switch (e.kind) {
    case 'literal':
      return new LiteralEvaluator(e.type, e.value);
    case 'column':
      return new ColumnEvaluator(e.channel, e.name);
    case 'call': {
      const fctx: FunctionContext = { source: e.source, warnings: ctx.warnings, nowMs: ctx.nowMs };
      return e.def.build(
        e.args.map((a) => compileExpression(a, ctx)),
        e.args.map(argInfo),
        fctx,
      );
    }
    case 'arithmetic': {
      const l = e.left;
      const r = e.right;
      if (e.type === 'datetime') {
        if (l.type === 'null' || r.type === 'null') return new LiteralEvaluator('datetime', null);
        const [date, span] = l.type === 'datetime' ? [l, r] : [r, l];
        if (span.kind === 'literal' && span.timeSpan !== undefined) {
          return new DateMathEvaluator(e.op === '-', compileExpression(date, ctx), span.timeSpan, e.source, ctx.warnings);
        }
        throw new Error(`date arithmetic needs a constant time span: ${e.source.text}`);
      }
      return new ArithmeticEvaluator(
        e.op,
        numericType(e.type),
        compileExpression(l, ctx),
        compileExpression(r, ctx),
        e.source,
        ctx.warnings,
      );
    }
    case 'neg':
      return new NegateEvaluator(numericType(e.type), compileExpression(e.operand, ctx), e.source, ctx.warnings);
    case 'compare':
      return compileConstantComparison(e, ctx) ?? new ComparisonEvaluator(
        e.op,
        compareKindOf(e.operandType),
        compileExpression(e.left, ctx),
        compileExpression(e.right, ctx),
        e.source,
        ctx.warnings,
      );
    case 'logic':
      return new LogicEvaluator(e.op, compileExpression(e.left, ctx), compileExpression(e.right, ctx), e.source, ctx.warnings);
    case 'not':
      return new NotEvaluator(compileExpression(e.operand, ctx), e.source, ctx.warnings);
    case 'is_null':
      return new IsNullEvaluator(compileExpression(e.operand, ctx), e.negated);
    case 'in':
      return new InEvaluator(
        compareKindOf(e.operandType),
        compileExpression(e.value, ctx),
        e.list.map((x) => compileExpression(x, ctx)),
        e.negated,
        e.source,
        ctx.warnings,
      );
    case 'like':
      return new LikeEvaluator(compileExpression(e.value, ctx), e.regex, e.negated, e.source, ctx.warnings);
  }
}

const NUMERIC = new Set<string>(['integer', 'long', 'double']);
const STRINGS = new Set<string>(['keyword', 'text']);

/**
 * A comparison with a single literal on either side, kept as a JS value: numbers with any operator,
 * keyword/text strings with == and != (equality needs no collation; order would need compareUtf8).
 */
function compileConstantComparison(e: ResolvedComparison, ctx: CompileContext): ExpressionEvaluator | null {
  const numeric = NUMERIC.has(e.operandType);
  const strings = STRINGS.has(e.operandType) && (e.op === '==' || e.op === '!=');
  if (!numeric && !strings) return null;
  const constantOf = (x: ResolvedExpression): number | string | null => {
    if (x.kind !== 'literal') return null;
    if (numeric) return NUMERIC.has(x.type) && typeof x.value === 'number' ? x.value : null;
    return STRINGS.has(x.type) && typeof x.value === 'string' ? x.value : null;
  };
  const right = constantOf(e.right);
  if (right !== null && constantOf(e.left) === null) {
    return new ConstantComparisonEvaluator(e.op, compileExpression(e.left, ctx), right, false, e.source, ctx.warnings);
  }
  const left = constantOf(e.left);
  if (left !== null && right === null) {
    return new ConstantComparisonEvaluator(e.op, compileExpression(e.right, ctx), left, true, e.source, ctx.warnings);
  }
  return null;
}

/** The ArgInfo a function sees for one resolved argument. */
export function argInfo(e: ResolvedExpression): ArgInfo {
  if (e.kind === 'literal') {
    // Functions taking a time span (DATE_TRUNC, BUCKET) read it as {months, days, millis}.
    const value = e.timeSpan === undefined ? e.value : (e.timeSpan as unknown as LiteralScalar);
    return { type: e.type, foldable: true, value, source: e.source };
  }
  return { type: e.type, foldable: false, source: e.source };
}

function numericType(t: string): NumericResultType {
  if (t === 'integer' || t === 'long' || t === 'double' || t === 'unsigned_long') return t;
  // `null + null` and friends: every position is null whatever kernel runs.
  return 'double';
}

export function compareKindOf(t: DataType): CompareKind {
  switch (t) {
    case 'unsigned_long':
      return { kind: 'bigint' };
    case 'keyword':
    case 'text':
      return { kind: 'string', compare: compareUtf8 };
    case 'ip':
      return { kind: 'string', compare: compareIp };
    case 'version':
      return { kind: 'string', compare: compareVersion };
    default:
      return { kind: 'number' };
  }
}
