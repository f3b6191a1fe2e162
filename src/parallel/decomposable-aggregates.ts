import type { AggregateField, Expression, FunctionCall } from '../esql/ast.js';
import { lookupFunction } from '../esql/functions/registry.js';
import { type Part, quoteName, type QueryText } from './query-text.js';

/**
 * Splits the aggregates of one STATS into what each worker computes over its rows (partial columns)
 * and how the coordinator combines the partial columns of all workers, ES's INITIAL / FINAL modes:
 *   COUNT -> SUM of counts;  SUM -> SUM;  MIN -> MIN;  MAX -> MAX;
 *   AVG(x) -> AVG(x) and COUNT(x), then SUM(avg * count) / SUM(count) (null for no values, without
 *   a division warning: the dividend is null then). The worker's AVG keeps AVG's own arithmetic (a Kahan sum of doubles, which
 *   never overflows where an exact long SUM(x) would) and its fast path; avg * count gives the sum
 *   back to within an ulp.
 * Expressions around aggregates (`ROUND(AVG(x), 1)`, `MAX(a) - MIN(a)`, `SUM(a) + g` with g a group)
 * stay in the coordinator's STATS with each aggregate call replaced by its combination.
 */
export interface DecomposedStats {
  /** Worker STATS items: `` `$qactor.agg0` = COUNT(*) WHERE x > 1 ``. */
  readonly partials: readonly (readonly Part[])[];
  /** Coordinator STATS items, one per user aggregate, named as the user's: `` `COUNT(*)` = SUM(`$qactor.agg0`) ``. */
  readonly finals: readonly (readonly Part[])[];
}

/** Names no user column has: the query is refused when its text mentions this prefix. */
export const HELPER_PREFIX = '$qactor.';

export function decomposeAggregates(fields: readonly AggregateField[], text: QueryText): DecomposedStats | null {
  const partials: Part[][] = [];
  const finals: Part[][] = [];
  for (const f of fields) {
    const where: Part[] = f.where === undefined ? [] : [' WHERE ', text.of(f.where.source)];
    const newPartial = (...worker: Part[]): string => {
      const name = quoteName(`${HELPER_PREFIX}agg${partials.length}`);
      partials.push([`${name} = `, ...worker, ...where]);
      return name;
    };
    const calls = aggregateCalls(f.expr);
    if (calls === null || calls.length === 0) return null;
    const replacements: { call: FunctionCall; combined: string }[] = [];
    for (const call of calls) {
      const combined = combine(call, text, newPartial);
      if (combined === null) return null;
      replacements.push({ call, combined });
    }
    finals.push([`${quoteName(f.name)} = `, ...replaceCalls(f.expr, replacements, text)]);
  }
  return { partials, finals };
}

/** The coordinator's expression for one aggregate call; registers the worker's partial columns. */
function combine(call: FunctionCall, text: QueryText, partial: (...worker: Part[]) => string): string | null {
  const def = lookupFunction(call.name);
  const callText = text.of(call.source);
  switch (def?.name) {
    case 'count':
      return `SUM(${partial(callText)})`;
    case 'sum':
      return `SUM(${partial(callText)})`;
    case 'min':
      return `MIN(${partial(callText)})`;
    case 'max':
      return `MAX(${partial(callText)})`;
    case 'avg': {
      // AVG of a constant is the constant even over no rows; a ratio of sums would be null there.
      if (call.star || call.args.length !== 1 || !readsAColumn(call.args[0])) return null;
      const arg = text.of(call.args[0].source);
      const avg = partial('AVG(', arg, ')');
      const count = partial('COUNT(', arg, ')');
      // No values anywhere: every worker's AVG is null, so null / 0, which is null without a warning.
      return `SUM(${avg} * ${count}) / SUM(${count})`;
    }
    default:
      return null;
  }
}

/** The aggregate calls of an expression, outermost first; null when one cannot be split. */
function aggregateCalls(e: Expression, out: FunctionCall[] = []): FunctionCall[] | null {
  switch (e.kind) {
    case 'call': {
      if (lookupFunction(e.name, { testFunctions: true })?.kind === 'aggregate') {
        out.push(e);
        return out;
      }
      for (const a of e.args) if (aggregateCalls(a, out) === null) return null;
      return out;
    }
    case 'binary':
      return aggregateCalls(e.left, out) === null ? null : aggregateCalls(e.right, out);
    case 'not':
    case 'neg':
    case 'is_null':
    case 'cast':
      return aggregateCalls(e.operand, out);
    case 'in':
      if (aggregateCalls(e.value, out) === null) return null;
      for (const x of e.list) if (aggregateCalls(x, out) === null) return null;
      return out;
    case 'like':
    case 'rlike':
      return aggregateCalls(e.value, out);
    default:
      return out;
  }
}

function readsAColumn(e: Expression): boolean {
  switch (e.kind) {
    case 'field':
      return true;
    case 'call':
      return e.args.some(readsAColumn);
    case 'binary':
      return readsAColumn(e.left) || readsAColumn(e.right);
    case 'not':
    case 'neg':
    case 'is_null':
    case 'cast':
      return readsAColumn(e.operand);
    case 'in':
      return readsAColumn(e.value) || e.list.some(readsAColumn);
    case 'like':
    case 'rlike':
      return readsAColumn(e.value);
    default:
      return false;
  }
}

/** The expression's text with each aggregate call's span replaced by `(combined)`. */
function replaceCalls(e: Expression, replacements: readonly { call: FunctionCall; combined: string }[], text: QueryText): Part[] {
  const to = text.end(e.source);
  const spans = replacements
    .map((r) => ({ start: text.start(r.call.source), end: text.end(r.call.source), combined: r.combined }))
    .sort((a, b) => a.start - b.start);
  const parts: Part[] = [];
  let at = text.start(e.source);
  for (const s of spans) {
    if (s.start > at) parts.push({ from: at, to: s.start });
    parts.push(`(${s.combined})`);
    at = s.end;
  }
  if (to > at) parts.push({ from: at, to });
  return parts;
}
