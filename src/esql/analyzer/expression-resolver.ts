import type { AnyType, DataType } from '../../compute/data-type.js';
import { isStringLike } from '../../compute/data-type.js';
import type { Expression, FunctionCall, Source } from '../ast.js';
import { argInfo } from '../expressions/expression-compiler.js';
import { likeToRegExp, rlikeToRegExp } from '../expressions/like-pattern.js';
import type { AggregateFunctionDefinition } from '../functions/function-definition.js';
import { lookupFunction } from '../functions/registry.js';
import type { ColumnInfo } from '../query-engine.js';
import { fold } from './constant-folder.js';
import { unknownColumnMessage } from './unknown-column.js';
import type { ResolvedExpression, ResolvedLiteral } from './resolved-expression.js';
import { CAST_FUNCTIONS, IMPLICIT_STRING_CASTS, TIME_UNITS, arithmeticType, comparisonType, isTimeSpan } from './type-rules.js';

/** The columns flowing between two commands: channel i is `layout[i]`. */
export type Layout = readonly ColumnInfo[];

export interface ResolverOptions {
  readonly testFunctions: boolean;
  readonly nowMs: number;
}

/** Inside STATS: turns an aggregate call into a reference to the aggregation's output. */
export type AggregateHook = (call: FunctionCall, def: AggregateFunctionDefinition) => ResolvedExpression;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * Resolves names and types of one expression against a Layout, collecting verification problems
 * (`line L:C: ...`) instead of stopping at the first, as ES's Verifier does. A subtree that failed
 * resolves to a null literal so one mistake is not reported again by every enclosing operator.
 */
export class ExpressionResolver {
  constructor(
    private readonly options: ResolverOptions,
    readonly problems: string[],
  ) {}

  get testFunctions(): boolean {
    return this.options.testFunctions;
  }

  problem(source: Source, message: string): void {
    this.problems.push(`line ${source.line}:${source.column}: ${message}`);
  }

  resolve(e: Expression, layout: Layout, aggregates?: AggregateHook): ResolvedExpression {
    return fold(this.resolveNode(e, layout, aggregates), this.options.nowMs);
  }

  private failed(source: Source, message: string): ResolvedExpression {
    this.problem(source, message);
    return { kind: 'literal', type: 'null', value: null, source };
  }

  private resolveNode(e: Expression, layout: Layout, agg: AggregateHook | undefined): ResolvedExpression {
    const sub = (x: Expression) => this.resolve(x, layout, agg);
    switch (e.kind) {
      case 'literal': {
        const value = e.type === 'long' && typeof e.value === 'bigint' ? Number(e.value) : e.value;
        return { kind: 'literal', type: e.type, value, source: e.source };
      }
      case 'timespan': {
        const unit = TIME_UNITS[e.unit.toLowerCase()];
        if (unit === undefined) return this.failed(e.source, `Unexpected temporal unit: '${e.unit}'`);
        const timeSpan = { months: unit.months * e.amount, days: unit.days * e.amount, millis: unit.millis * e.amount };
        return { kind: 'literal', type: unit.kind, value: `${e.amount} ${e.unit}`, timeSpan, source: e.source };
      }
      case 'field': {
        const channel = findColumn(layout, e.name);
        if (channel < 0) return this.failed(e.source, unknownColumnMessage(e.name, layout.map((c) => c.name)));
        return { kind: 'column', type: layout[channel].type, name: e.name, channel, source: e.source };
      }
      case 'call':
        return this.resolveCall(e, layout, agg);
      case 'cast':
        return this.resolveCast(sub(e.operand), e.targetType, e.source);
      case 'neg': {
        const operand = sub(e.operand);
        if (operand.kind === 'literal' && operand.timeSpan !== undefined) {
          const t = operand.timeSpan;
          return { ...operand, timeSpan: { months: -t.months, days: -t.days, millis: -t.millis }, source: e.source };
        }
        const t = operand.type;
        if (t === 'unsigned_long') {
          return this.failed(e.source, `negation unsupported for arguments of type [unsigned_long] in expression [${e.source.text}]`);
        }
        if (t !== 'null' && t !== 'integer' && t !== 'long' && t !== 'double') {
          return this.failed(
            e.source,
            `argument of [${e.source.text}] must be [numeric, date_period or time_duration], found value [${operand.source.text}] type [${t}]`,
          );
        }
        return { kind: 'neg', type: t, operand, source: e.source };
      }
      case 'not': {
        const operand = sub(e.operand);
        if (operand.type !== 'boolean' && operand.type !== 'null') {
          return this.failed(
            e.source,
            `argument of [${e.source.text}] must be [boolean], found value [${operand.source.text}] type [${operand.type}]`,
          );
        }
        return { kind: 'not', type: 'boolean', operand, source: e.source };
      }
      case 'is_null':
        return { kind: 'is_null', type: 'boolean', operand: sub(e.operand), negated: e.negated, source: e.source };
      case 'like':
      case 'rlike': {
        const value = sub(e.value);
        if (value.type !== 'null' && !isStringLike(value.type)) {
          return this.failed(
            e.source,
            `first argument of [${e.source.text}] must be [string], found value [${value.source.text}] type [${value.type}]`,
          );
        }
        let regex: RegExp;
        try {
          regex = e.kind === 'like' ? likeToRegExp(e.pattern) : rlikeToRegExp(e.pattern);
        } catch {
          return this.failed(e.source, `Invalid regex pattern [${e.pattern}]`);
        }
        return { kind: 'like', type: 'boolean', value, regex, negated: e.negated, source: e.source };
      }
      case 'in':
        return this.resolveIn(sub(e.value), e.list.map(sub), e.negated, e.source);
      case 'binary':
        return this.resolveBinary(e.op, sub(e.left), sub(e.right), e.source);
    }
  }

  private resolveBinary(op: string, left: ResolvedExpression, right: ResolvedExpression, source: Source): ResolvedExpression {
    const l = { type: left.type, text: left.source.text };
    const r = { type: right.type, text: right.source.text };
    if (op === 'and' || op === 'or') {
      for (const [i, x] of [left, right].entries()) {
        if (x.type !== 'boolean' && x.type !== 'null') {
          return this.failed(
            source,
            `${ORDINALS[i]} argument of [${source.text}] must be [boolean], found value [${x.source.text}] type [${x.type}]`,
          );
        }
      }
      return { kind: 'logic', type: 'boolean', op, left, right, source };
    }
    if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
      // `"2024-01-01" + 1 day`: a string constant next to a time span is a datetime.
      if (isTimeSpan(right.type)) left = this.implicitCast(left, 'datetime');
      if (isTimeSpan(left.type)) right = this.implicitCast(right, 'datetime');
      const rule = arithmeticType(op, { type: left.type, text: l.text }, { type: right.type, text: r.text }, source.text);
      if ('error' in rule) return this.failed(source, rule.error);
      if (rule.type === 'null') return { kind: 'literal', type: 'null', value: null, source };
      if (isTimeSpan(rule.type)) return addTimeSpans(op, left, right, source);
      return { kind: 'arithmetic', type: rule.type, op, left, right, source };
    }
    const cmp = op as '==' | '!=' | '<' | '<=' | '>' | '>=';
    const [cl, cr] = [this.implicitCast(left, right.type), this.implicitCast(right, left.type)];
    const rule = comparisonType({ type: cl.type, text: l.text }, { type: cr.type, text: r.text }, source.text);
    if ('error' in rule) return this.failed(source, rule.error);
    if (rule.type === 'null') return { kind: 'literal', type: 'null', value: null, source };
    return { kind: 'compare', type: 'boolean', op: cmp, operandType: rule.type as DataType, left: cl, right: cr, source };
  }

  private resolveIn(
    value: ResolvedExpression,
    list: readonly ResolvedExpression[],
    negated: boolean,
    source: Source,
  ): ResolvedExpression {
    let operandType: AnyType = value.type;
    const casted: ResolvedExpression[] = [];
    for (const [i, item] of list.entries()) {
      const c = this.implicitCast(item, value.type);
      const rule = comparisonType({ type: operandType, text: value.source.text }, { type: c.type, text: c.source.text }, source.text);
      if ('error' in rule) {
        const expected = operandType;
        return this.failed(
          source,
          `${ORDINALS[i + 1] ?? `${i + 2}th`} argument of [${source.text}] must be [${expected}], found value [${item.source.text}] type [${item.type}]`,
        );
      }
      operandType = rule.type;
      casted.push(c);
    }
    if (operandType === 'null') return { kind: 'literal', type: 'null', value: null, source };
    return { kind: 'in', type: 'boolean', operandType: operandType as DataType, value, list: casted, negated, source };
  }

  /** A keyword constant compared with a datetime/ip/version/boolean becomes that type, as ES does. */
  private implicitCast(e: ResolvedExpression, otherType: AnyType): ResolvedExpression {
    if (e.kind !== 'literal' || !isStringLike(e.type)) return e;
    const fn = IMPLICIT_STRING_CASTS[otherType];
    if (fn === undefined) return e;
    const def = lookupFunction(fn, { testFunctions: this.options.testFunctions });
    if (def === undefined || def.kind !== 'scalar') return e;
    const r = def.resolve([argInfo(e)], e.source);
    if ('error' in r) return e;
    return fold({ kind: 'call', type: r.type, def, args: [e], source: e.source }, this.options.nowMs);
  }

  private resolveCast(operand: ResolvedExpression, target: string, source: Source): ResolvedExpression {
    const cast = CAST_FUNCTIONS[target.toLowerCase()];
    if (cast === undefined) return this.failed(source, `Unsupported conversion to type [${target}]`);
    if (operand.type === cast.type) return operand;
    const def = lookupFunction(cast.fn, { testFunctions: this.options.testFunctions });
    if (def === undefined || def.kind !== 'scalar') return this.failed(source, `Unknown function [${cast.fn}]`);
    const r = def.resolve([argInfo(operand)], source);
    if ('error' in r) return this.failed(source, r.error);
    return { kind: 'call', type: r.type, def, args: [operand], source };
  }

  private resolveCall(e: FunctionCall, layout: Layout, agg: AggregateHook | undefined): ResolvedExpression {
    const def = lookupFunction(e.name, { testFunctions: this.options.testFunctions });
    if (def === undefined) return this.failed(e.source, `Unknown function [${e.name}]`);
    if (def.kind === 'aggregate') {
      if (agg === undefined) return this.failed(e.source, `aggregate function [${e.source.text}] not allowed outside STATS command`);
      return agg(e, def);
    }
    if (e.star) return this.failed(e.source, `Unknown function [${e.name}(*)]`);
    const args = e.args.map((a) => this.resolve(a, layout, agg));
    const r = def.resolve(args.map(argInfo), e.source);
    if ('error' in r) return this.failed(e.source, r.error);
    if (isTimeSpan(r.type)) return foldTimeSpanCall(def.name, args, r.type, e.source) ?? this.failed(e.source, `[${e.source.text}] must be a constant`);
    return { kind: 'call', type: r.type, def, args, source: e.source };
  }
}

/**
 * A call returning a time span can only be CASE over constants (`d + CASE(x, 1 day, 2 days)`):
 * spans never live in a Block, so the branch is chosen here, as ES folds it.
 */
function foldTimeSpanCall(name: string, args: readonly ResolvedExpression[], type: AnyType, source: Source): ResolvedExpression | undefined {
  if (name !== 'case' || !args.every((a) => a.kind === 'literal')) return undefined;
  const lits = args.filter((a): a is ResolvedLiteral => a.kind === 'literal');
  let i = 0;
  for (; i + 1 < lits.length; i += 2) if (lits[i].value === true) return { ...lits[i + 1], type, source };
  return i < lits.length ? { ...lits[i], type, source } : { kind: 'literal', type: 'null', value: null, source };
}

/** `1 year + 2 months`: both sides are time span constants (the parser only makes constant spans). */
function addTimeSpans(op: string, left: ResolvedExpression, right: ResolvedExpression, source: Source): ResolvedExpression {
  const a = left.kind === 'literal' ? left.timeSpan : undefined;
  const b = right.kind === 'literal' ? right.timeSpan : undefined;
  if (a === undefined || b === undefined) return { kind: 'literal', type: 'null', value: null, source };
  const s = op === '-' ? -1 : 1;
  const timeSpan = { months: a.months + s * b.months, days: a.days + s * b.days, millis: a.millis + s * b.millis };
  return { kind: 'literal', type: left.type, value: source.text, timeSpan, source };
}

/** The channel of the column called `name`, or -1. Names are unique in a Layout. */
export function findColumn(layout: Layout, name: string): number {
  for (let i = layout.length - 1; i >= 0; i--) if (layout[i].name === name) return i;
  return -1;
}
