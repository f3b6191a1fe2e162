import { MAX_RESULT_ROWS } from '../esql/analyzer/analyzer.js';
import type { LimitCommand, LiteralScalar, ProcessingCommand, QueryParams, SortCommand, Source, StatsCommand } from '../esql/ast.js';
import { parse } from '../esql/parser.js';
import { FROM_ORDER, orderAfter, type ColumnOrder } from './column-order.js';
import { decomposeAggregates, HELPER_PREFIX } from './decomposable-aggregates.js';
import { type CopiedSpan, type Part, QueryBuilder, QueryText, quoteName } from './query-text.js';

/** The index name the coordinator's query reads the workers' rows from. */
export const PARTIALS_INDEX = 'partials';

/**
 * A query cut in two, as ES cuts it between data nodes and the coordinator: every worker runs
 * `workerQuery` over its share of the index's segments, the coordinator runs `finalQuery` over all
 * workers' rows loaded as the index PARTIALS_INDEX (see partial-index.ts). The final result has the
 * columns of the unsplit query (names, types, order) and the same rows.
 *
 * Params: both halves keep the user's parameter references. Named (`?name`) and positional (`?1`)
 * ones take the request's params unchanged; anonymous `?` take the params of the `?` copied into that
 * half, in the order they appear there (AVG's argument is copied twice, so its `?` twice).
 */
export interface SplitPlan {
  /** The one concrete index the FROM names. */
  readonly index: string;
  /** ES|QL each worker runs over its share of that index's segments. */
  readonly workerQuery: string;
  readonly workerParams?: QueryParams;
  /** ES|QL the coordinator runs over all workers' rows, as index PARTIALS_INDEX. */
  readonly finalQuery: string;
  readonly finalParams?: QueryParams;
  /**
   * A query never returns more than MAX_RESULT_ROWS rows, so a worker STATS with that many groups
   * may have been cut: a worker result with `workerRowLimit` rows makes the split unusable and the
   * query must run unsplit. Undefined when the worker's rows are bounded by the query itself (TopN).
   */
  readonly workerRowLimit?: number;
  /** Where pieces of each half were copied from the user's query (see userWarnings). */
  readonly workerSpans: readonly CopiedSpan[];
  readonly finalSpans: readonly CopiedSpan[];
}

interface Halves {
  readonly worker: QueryBuilder;
  readonly final: QueryBuilder;
}

/** Commands that map each row on its own, so running them per partition changes nothing. */
const ROW_LOCAL = new Set<ProcessingCommand['kind']>(['where', 'eval', 'keep', 'drop', 'rename', 'dissect', 'grok', 'mv_expand']);

/**
 * Whether `query` splits into a worker part and a coordinator part, and the two parts; null when it
 * does not (the caller then runs it unsplit, which also reports any error). Splits
 * `FROM one-index | row-local commands | STATS decomposable aggregates ... | anything` and
 * `FROM one-index | row-local commands | SORT ... | LIMIT n | anything`.
 */
export function splitPlan(query: string, params?: QueryParams): SplitPlan | null {
  // Helper columns are named `$qactor.…`; a query that mentions the prefix could clash with them.
  if (query.includes(HELPER_PREFIX)) return null;
  let ast;
  try {
    ast = parse(query, params);
  } catch {
    return null;
  }
  const from = ast.source;
  if (from.kind !== 'from' || from.indices.length !== 1 || from.metadata.length > 0) return null;
  const index = from.indices[0].pattern;
  if (!isConcreteIndex(index)) return null;
  const commands = ast.commands;
  let at = 0;
  while (at < commands.length && ROW_LOCAL.has(commands[at].kind)) at++;
  const text = new QueryText(query);
  if (!text.covers([from.source, ...commands.map((c) => c.source)])) return null;
  const prefix: Part = { from: 0, to: text.end(at === 0 ? from.source : commands[at - 1].source) };
  const split = commands[at];
  const next = commands[at + 1];
  let halves: Halves | null = null;
  if (split?.kind === 'stats') halves = splitStats(split, prefix, text);
  // A worker returns at most MAX_RESULT_ROWS rows: enough for a bigger LIMIT only when nothing follows it.
  else if (split?.kind === 'sort' && next?.kind === 'limit' && (next.count <= MAX_RESULT_ROWS || at + 2 === commands.length)) {
    let order: ColumnOrder = FROM_ORDER;
    for (const cmd of commands.slice(0, at)) order = orderAfter(order, cmd);
    halves = splitTopN(split, next, order, prefix, text);
  }
  if (halves === null) return null;
  const worker = halves.worker.build();
  const final = halves.final.build();
  const workerParams = paramsFor(params, text, worker.anonymousParams);
  const finalParams = paramsFor(params, text, final.anonymousParams);
  return {
    index,
    workerQuery: worker.text,
    ...(workerParams === undefined ? {} : { workerParams }),
    finalQuery: final.text,
    ...(finalParams === undefined ? {} : { finalParams }),
    ...(split?.kind === 'stats' ? { workerRowLimit: MAX_RESULT_ROWS } : {}),
    workerSpans: worker.spans,
    finalSpans: final.spans,
  };
}

/** The params of one half: all of them, or for anonymous `?` those copied into it, in its order. */
function paramsFor(params: QueryParams | undefined, text: QueryText, anonymous: readonly number[]): QueryParams | undefined {
  if (params === undefined || text.anonymousParams.size === 0 || !Array.isArray(params)) return params;
  const list = params as readonly LiteralScalar[];
  return anonymous.map((p) => list[p - 1] ?? null);
}

/** One plain index name: no wildcard, exclusion, remote cluster, selector or date math. */
const isConcreteIndex = (name: string): boolean => name !== '' && !/[*,:<>]/.test(name) && !name.startsWith('-');

/** The text after a command, to the end of the query: `| SORT x | LIMIT 3` after the split point. */
const restAfter = (cmd: { source: Source }, text: QueryText): Part => ({ from: text.end(cmd.source), to: text.text.length });

function splitStats(stats: StatsCommand, prefix: Part, text: QueryText): Halves | null {
  const names = [...stats.aggregates.map((a) => a.name), ...stats.groupings.map((g) => g.name)];
  // A shadowed column comes with a warning naming positions of the user's query: keep that unsplit.
  if (new Set(names).size !== names.length) return null;
  const decomposed = decomposeAggregates(stats.aggregates, text);
  if (decomposed === null) return null;
  const groups = stats.groupings;
  const worker = new QueryBuilder(text).add(prefix, ' | STATS ').addJoined(decomposed.partials, ', ');
  if (groups.length > 0) worker.add(' BY ', { from: text.start(groups[0].source), to: text.end(groups[groups.length - 1].source) });
  // Without a LIMIT the worker would stop at the default 1000 groups; see SplitPlan.workerRowLimit.
  worker.add(` | LIMIT ${MAX_RESULT_ROWS}`);
  const final = new QueryBuilder(text).add(`FROM ${PARTIALS_INDEX} | STATS `).addJoined(decomposed.finals, ', ');
  if (groups.length > 0) final.add(` BY ${groups.map((g) => quoteName(g.name)).join(', ')}`);
  final.add(restAfter(stats, text));
  return { worker, final };
}

function splitTopN(sort: SortCommand, limit: LimitCommand, order: ColumnOrder, prefix: Part, text: QueryText): Halves | null {
  if (order === null) return null;
  const topN: Part = { from: text.start(sort.source), to: text.end(limit.source) };
  return {
    worker: new QueryBuilder(text).add(prefix, ' | ', topN),
    final: new QueryBuilder(text).add(`FROM ${PARTIALS_INDEX}${reorder(order)} | `, topN, restAfter(limit, text)),
  };
}

/** Commands that put `FROM partials`' alphabetical columns back in the workers' order. */
function reorder(order: NonNullable<ColumnOrder>): string {
  if (order.names.length === 0) return '';
  // KEEP would read a `*` inside a name as a wildcard; re-assigning every name moves each to the end.
  if (order.kind === 'explicit' && !order.names.some((n) => n.includes('*'))) return ` | KEEP ${order.names.map(quoteName).join(', ')}`;
  return ` | EVAL ${order.names.map((n) => `${quoteName(n)} = ${quoteName(n)}`).join(', ')}`;
}
