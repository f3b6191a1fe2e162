import type { DataType } from '../../compute/data-type.js';
import type { SortKey } from '../../compute/sort-buffer.js';
import { verificationException } from '../../errors.js';
import type { Catalog } from '../../storage/catalog.js';
import type { StoredIndex } from '../../storage/stored-index.js';
import type { EvalCommand, Expression, FromCommand, ProcessingCommand, Query, RowCommand, SortCommand } from '../ast.js';
import type { ColumnInfo } from '../query-engine.js';
import { ExpressionResolver, findColumn, type ResolverOptions } from './expression-resolver.js';
import { blockType, PlanBuilder } from './plan-builder.js';
import type { AnalyzedQuery } from './plan-step.js';
import { planDrop, planKeep, planRename } from './projection-commands.js';
import type { ResolvedExpression } from './resolved-expression.js';
import { SHOW_INFO_COLUMNS, showInfoRow } from './show-info.js';
import { planStats } from './stats-planner.js';
import { planExtract } from './extract-planner.js';
import { METADATA_FIELDS } from './metadata-fields.js';
import { unknownColumnMessage } from './unknown-column.js';

/** ES adds this LIMIT when the query does not bound its output itself. */
export const DEFAULT_LIMIT = 1000;

/** ES never returns more rows than this (`esql.query.result_truncation_max_size`), whatever LIMIT says. */
export const MAX_RESULT_ROWS = 10_000;

/**
 * Resolves a parsed query against the catalog: names, types, column order, and a linear plan of
 * steps. All problems are gathered and thrown together as one `verification_exception`.
 */
export function analyze(query: Query, catalog: Catalog, options: ResolverOptions): AnalyzedQuery {
  const problems: string[] = [];
  const warnings: string[] = [];
  const resolver = new ExpressionResolver(options, problems);
  const builder = new PlanBuilder();

  const src = query.source;
  if (src.kind === 'from') planFrom(src, catalog, builder, resolver);
  else if (src.kind === 'row') planRow(src, builder, resolver);
  else builder.add({ kind: 'show', row: showInfoRow() }, [...SHOW_INFO_COLUMNS]);
  // As ES: an unresolved source leaves everything after it unresolved, which would only add noise.
  if (problems.length > 0) throw verificationException(problems);

  for (const cmd of query.commands) planCommand(cmd, builder, resolver, warnings);
  if (needsDefaultLimit(query.commands)) builder.add({ kind: 'limit', count: DEFAULT_LIMIT });
  else if (finalLimit(query.commands) > MAX_RESULT_ROWS) builder.add({ kind: 'limit', count: MAX_RESULT_ROWS });

  if (problems.length > 0) throw verificationException(problems);
  return { steps: builder.steps, columns: builder.layout, warnings };
}

/** True unless a LIMIT follows the last command that can change the row count upward. */
function needsDefaultLimit(commands: readonly ProcessingCommand[]): boolean {
  for (let i = commands.length - 1; i >= 0; i--) {
    const k = commands[i].kind;
    if (k === 'limit') return false;
    if (k === 'stats' || k === 'mv_expand') return true;
  }
  return true;
}

/** The smallest LIMIT after the last STATS / MV_EXPAND (only called when there is one). */
function finalLimit(commands: readonly ProcessingCommand[]): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = commands.length - 1; i >= 0; i--) {
    const cmd = commands[i];
    if (cmd.kind === 'limit') smallest = Math.min(smallest, cmd.count);
    if (cmd.kind === 'stats' || cmd.kind === 'mv_expand') break;
  }
  return smallest;
}

function planCommand(cmd: ProcessingCommand, builder: PlanBuilder, resolver: ExpressionResolver, warnings: string[]): void {
  switch (cmd.kind) {
    case 'eval':
      planEval(cmd, builder, resolver);
      return;
    case 'where': {
      const condition = resolver.resolve(cmd.condition, builder.layout);
      if (condition.type !== 'boolean' && condition.type !== 'null') {
        resolver.problem(cmd.condition.source, `Condition expression needs to be boolean, found [${condition.type}]`);
      }
      builder.add({ kind: 'where', condition });
      return;
    }
    case 'keep':
      planKeep(cmd, builder, resolver);
      return;
    case 'drop':
      planDrop(cmd, builder, resolver);
      return;
    case 'rename':
      planRename(cmd, builder, resolver);
      return;
    case 'limit':
      builder.add({ kind: 'limit', count: cmd.count });
      return;
    case 'sort':
      planSort(cmd, builder, resolver);
      return;
    case 'stats':
      planStats(cmd, builder, resolver, warnings);
      return;
    case 'mv_expand': {
      const channel = findColumn(builder.layout, cmd.field.name);
      if (channel < 0) resolver.problem(cmd.field.source, unknownColumnMessage(cmd.field.name, builder.layout.map((c) => c.name)));
      else builder.add({ kind: 'mv_expand', channel });
      return;
    }
    case 'dissect':
    case 'grok':
      planExtract(cmd, builder, resolver);
      return;
  }
}

function planFrom(cmd: FromCommand, catalog: Catalog, builder: PlanBuilder, resolver: ExpressionResolver): void {
  let indices: StoredIndex[] = [];
  for (const p of cmd.indices) {
    // `-pattern` removes what the patterns before it matched, as in ES index expressions.
    if (p.pattern.startsWith('-') && indices.length > 0) {
      const excluded = new Set(catalog.resolve(p.pattern.slice(1)));
      indices = indices.filter((i) => !excluded.has(i));
      continue;
    }
    const found = catalog.resolve(p.pattern);
    if (found.length === 0) resolver.problem(p.source, `Unknown index [${p.pattern}]`);
    for (const idx of found) if (!indices.includes(idx)) indices.push(idx);
  }
  const metadata: string[] = [];
  for (const m of cmd.metadata) {
    if (METADATA_FIELDS[m] === undefined) resolver.problem(cmd.source, `unsupported metadata field [${m}]`);
    else if (!metadata.includes(m)) metadata.push(m);
  }
  const types = new Map<string, DataType>();
  for (const idx of indices) {
    for (const c of idx.columns) {
      const seen = types.get(c.name);
      if (seen === undefined || seen === 'null') types.set(c.name, c.type);
      else if (seen !== c.type && c.type !== 'null') {
        const where = indices.map((i) => `[${i.columns.find((x) => x.name === c.name)?.type ?? 'missing'}] in [${i.name}]`);
        resolver.problem(cmd.source, `Cannot use field [${c.name}] due to ambiguities being mapped as different types: ${where.join(', ')}`);
      }
    }
  }
  const names = [...types.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const layout: ColumnInfo[] = names
    .filter((n) => !metadata.includes(n))
    .map((name) => ({ name, type: types.get(name) as DataType }));
  for (const m of metadata) layout.push({ name: m, type: METADATA_FIELDS[m] });
  const inputs = indices.map((index) => ({
    index,
    columns: layout.slice(0, layout.length - metadata.length).map(({ name: n }) => {
      const i = index.columns.findIndex((c) => c.name === n);
      return i < 0 ? null : i;
    }),
  }));
  builder.add({ kind: 'from', inputs, metadata }, layout);
}

/** ROW: one empty position, then an EVAL of its constants. ES keeps repeated names in ROW (`ROW null, null`). */
function planRow(cmd: RowCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  builder.add({ kind: 'row' }, []);
  builder.eval(cmd.fields.map((f) => ({ name: f.name, expr: resolver.resolve(f.expr, []) })));
}

/**
 * EVAL appends; re-assigning a name moves it to the end. `DELAY(...)` (a test function) becomes a
 * pipeline step that holds pages back, since an evaluator cannot wait.
 */
function planEval(cmd: EvalCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  const from = builder.layout.length;
  for (const f of cmd.fields) {
    const e = f.expr;
    if (e.kind === 'call' && e.name === 'delay' && resolver.testFunctions) {
      const ms = delayMillis(e.args, resolver);
      builder.add({ kind: 'delay', ms: ms ?? 0 }, [...builder.layout, { name: f.name, type: 'boolean' }]);
      continue;
    }
    builder.eval([{ name: f.name, expr: resolver.resolve(e, builder.layout) }]);
  }
  builder.dropShadowed(from);
}

function delayMillis(args: readonly Expression[], resolver: ExpressionResolver): number | null {
  const arg = args.length === 1 ? resolver.resolve(args[0], []) : null;
  if (arg === null || arg.kind !== 'literal' || arg.type !== 'time_duration' || arg.timeSpan === undefined) {
    const at = args[0]?.source ?? { line: 1, column: 1, text: '' };
    resolver.problem(at, 'DELAY expects one time_duration argument, such as [20ms]');
    return null;
  }
  return arg.timeSpan.millis;
}

/** SORT keys must be channels: computed keys are evaluated first and projected away after the sort. */
function planSort(cmd: SortCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  const width = builder.layout.length;
  const computed: { name: string; expr: ResolvedExpression }[] = [];
  const keys: SortKey[] = [];
  for (const o of cmd.orders) {
    const e = resolver.resolve(o.expr, builder.layout);
    let channel: number;
    if (e.kind === 'column') channel = e.channel;
    else {
      channel = width + computed.length;
      computed.push({ name: `$$sort${computed.length}`, expr: e });
    }
    const asc = o.direction === 'asc';
    keys.push({ channel, type: blockType(e), asc, nullsFirst: o.nulls === undefined ? !asc : o.nulls === 'first' });
  }
  builder.eval(computed);
  builder.add({ kind: 'sort', keys });
  if (computed.length > 0) builder.project(Array.from({ length: width }, (_, i) => i));
}
