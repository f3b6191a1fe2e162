import type { DataType } from '../../compute/data-type.js';
import type { Expression, Field, FunctionCall, StatsCommand } from '../ast.js';
import { argInfo } from '../expressions/expression-compiler.js';
import type { AggregateFunctionDefinition } from '../functions/function-definition.js';
import { lookupFunction } from '../functions/registry.js';
import type { ColumnInfo } from '../query-engine.js';
import { type AggregateHook, type ExpressionResolver, findColumn } from './expression-resolver.js';
import { blockType, type PlanBuilder } from './plan-builder.js';
import type { AggregateSpec } from './plan-step.js';
import { isFoldable, type ResolvedExpression } from './resolved-expression.js';

/**
 * STATS aggs BY groups, decomposed as ES does:
 *   EVAL (computed groupings, aggregate arguments, per-aggregate WHERE conditions)
 *   | aggregation (groups, then one block per distinct aggregate call)
 *   | EVAL (expressions around aggregates: `ROUND(AVG(x), 2)`, `MAX(a) - MIN(a)`)
 *   | project (aggregates first, then groupings; a later name shadows an earlier one).
 * Aggregates see grouping aliases (`STATS max(l) BY l = languages`).
 */
export function planStats(cmd: StatsCommand, builder: PlanBuilder, resolver: ExpressionResolver, warnings: string[]): void {
  const input = builder.layout;
  const groupings = cmd.groupings.filter((g, i) => !cmd.groupings.slice(i + 1).some((h) => h.name === g.name));
  for (const g of cmd.groupings) if (!groupings.includes(g)) warnShadowed(warnings, g, last(cmd.groupings, g.name));

  const preLayout: ColumnInfo[] = [...input];
  const preEval: { name: string; expr: ResolvedExpression }[] = [];
  const evalColumn = (e: ResolvedExpression, name: string): number => {
    preEval.push({ name, expr: e });
    preLayout.push({ name, type: blockType(e) });
    return preLayout.length - 1;
  };
  const channelOf = (e: ResolvedExpression, name: string): number => (e.kind === 'column' ? e.channel : evalColumn(e, name));

  const groupChannels: number[] = [];
  const groupColumns: ColumnInfo[] = [];
  for (const g of groupings) {
    const e = resolver.resolve(g.expr, input);
    // An alias (`BY l = languages`) gets its own column so aggregates can refer to it by name.
    const channel = e.kind === 'column' && e.name === g.name ? e.channel : evalColumn(e, g.name);
    groupChannels.push(channel);
    groupColumns.push({ name: g.name, type: blockType(e) });
  }
  const groupCount = groupChannels.length;

  const aggregates: AggregateSpec[] = [];
  const aggColumns: ColumnInfo[] = [];
  const aggByKey = new Map<string, number>();
  let where: Expression | undefined;
  const hook: AggregateHook = (call: FunctionCall, def: AggregateFunctionDefinition) => {
    const nested: AggregateHook = (inner) => {
      resolver.problem(inner.source, `nested aggregations [${inner.source.text}] not allowed inside other aggregations [${call.source.text}]`);
      return { kind: 'literal', type: 'null', value: null, source: inner.source };
    };
    const args = call.star ? [] : call.args.map((a) => resolver.resolve(a, preLayout, nested));
    const info = args.map(argInfo);
    const r = def.resolve(info);
    if ('error' in r) {
      resolver.problem(call.source, r.error);
      return { kind: 'literal', type: 'null', value: null, source: call.source };
    }
    const type = r.type as DataType;
    const key = `${call.source.text}\u0000${where === undefined ? '' : where.source.text}`;
    let index = aggByKey.get(key);
    if (index === undefined) {
      const inputArgs = def.inputArgs?.(info) ?? info.flatMap((a, i) => (a.foldable ? [] : [i]));
      const inputChannels = inputArgs.map((i) => channelOf(args[i], `$$agg${aggregates.length}.${i}`));
      let filterChannel: number | null = null;
      if (where !== undefined) {
        const cond = resolver.resolve(where, preLayout);
        if (cond.type !== 'boolean' && cond.type !== 'null') {
          resolver.problem(where.source, `Condition expression needs to be boolean, found [${cond.type}]`);
        }
        filterChannel = channelOf(cond, `$$where${aggregates.length}`);
      }
      index = aggregates.length;
      aggregates.push({ def, info, inputChannels, filterChannel, source: call.source });
      aggColumns.push({ name: call.source.text, type });
      aggByKey.set(key, index);
    }
    return { kind: 'column', type, name: call.source.text, channel: groupCount + index, source: call.source };
  };

  const outputs: { field: Field; expr: ResolvedExpression }[] = [];
  for (const f of cmd.aggregates) {
    where = f.where;
    const misplaced = fieldsOutsideAggregates(f.expr).find((n) => findColumn(groupColumns, n) < 0 && findColumn(input, n) >= 0);
    if (misplaced !== undefined) {
      resolver.problem(f.expr.source, `column [${misplaced}] must appear in the STATS BY clause or be used in an aggregate function`);
      continue;
    }
    const expr = resolver.resolve(f.expr, groupColumns, hook);
    if (isFoldable(expr)) resolver.problem(f.expr.source, `expected an aggregate function but found [${f.expr.source.text}]`);
    outputs.push({ field: f, expr });
  }
  where = undefined;

  builder.eval(preEval);
  builder.add({ kind: 'stats', groups: groupChannels.map((channel) => ({ channel, type: preLayout[channel].type })), aggregates }, [...groupColumns, ...aggColumns]);

  const postEval: { name: string; expr: ResolvedExpression }[] = [];
  const outChannels: number[] = [];
  const outNames: string[] = [];
  const afterAggregation = groupCount + aggregates.length;
  for (const [i, o] of outputs.entries()) {
    const name = o.field.name;
    const shadowedBy = groupings.find((g) => g.name === name) ?? outputs.slice(i + 1).find((x) => x.field.name === name)?.field;
    if (shadowedBy !== undefined) {
      warnShadowed(warnings, o.field, shadowedBy);
      continue;
    }
    if (o.expr.kind === 'column') outChannels.push(o.expr.channel);
    else {
      outChannels.push(afterAggregation + postEval.length);
      postEval.push({ name, expr: o.expr });
    }
    outNames.push(name);
  }
  builder.eval(postEval);
  for (let g = 0; g < groupCount; g++) {
    outChannels.push(g);
    outNames.push(groupColumns[g].name);
  }
  builder.project(outChannels, outNames);
}

function last(fields: readonly Field[], name: string): Field {
  const all = fields.filter((f) => f.name === name);
  return all[all.length - 1];
}

function warnShadowed(warnings: string[], shadowed: Field, by: Field): void {
  warnings.push(
    `Line ${shadowed.source.line}:${shadowed.source.column}: Field '${shadowed.name}' shadowed by field at line ${by.source.line}:${by.source.column}`,
  );
}

/** Names of fields referenced outside aggregate calls. */
function fieldsOutsideAggregates(e: Expression, out: string[] = []): string[] {
  switch (e.kind) {
    case 'field':
      out.push(e.name);
      break;
    case 'call':
      // Aggregate calls may read any input column; scalar calls only what the STATS outputs.
      if (lookupFunction(e.name, { testFunctions: true })?.kind !== 'aggregate') {
        for (const a of e.args) fieldsOutsideAggregates(a, out);
      }
      break;
    case 'binary':
      fieldsOutsideAggregates(e.left, out);
      fieldsOutsideAggregates(e.right, out);
      break;
    case 'not':
    case 'neg':
    case 'is_null':
    case 'cast':
      fieldsOutsideAggregates(e.operand, out);
      break;
    case 'in':
      fieldsOutsideAggregates(e.value, out);
      for (const x of e.list) fieldsOutsideAggregates(x, out);
      break;
    case 'like':
    case 'rlike':
      fieldsOutsideAggregates(e.value, out);
      break;
    default:
      break;
  }
  return out;
}
