import type { GroupKey } from '../../compute/block-hash.js';
import type { SortKey } from '../../compute/sort-buffer.js';
import type { Source } from '../ast.js';
import type { AggregateFunctionDefinition, ArgInfo } from '../functions/function-definition.js';
import type { StoredIndex } from '../../storage/stored-index.js';
import type { LiteralScalar } from '../ast.js';
import type { Layout } from './expression-resolver.js';
import type { ResolvedExpression } from './resolved-expression.js';
import type { PatternExtractor } from '../expressions/pattern-extractor.js';

/**
 * The analyzed query: a linear pipeline of steps, each reading the Layout the previous one produced.
 * The planner maps each step to an operator factory (merging SORT + LIMIT into TopN).
 */
export type PlanStep =
  | FromStep
  | { readonly kind: 'row' }
  | { readonly kind: 'show'; readonly row: readonly LiteralScalar[] }
  | { readonly kind: 'eval'; readonly exprs: readonly ResolvedExpression[] }
  /** Holds each row back `ms` and appends a boolean `true` column (the DELAY test function). */
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'where'; readonly condition: ResolvedExpression }
  | { readonly kind: 'project'; readonly channels: readonly number[] }
  | { readonly kind: 'limit'; readonly count: number }
  | { readonly kind: 'sort'; readonly keys: readonly SortKey[] }
  | StatsStep
  | { readonly kind: 'mv_expand'; readonly channel: number }
  /** DISSECT / GROK: appends one column per extracted field, parsed from the string at `channel`. */
  | { readonly kind: 'extract'; readonly channel: number; readonly extractor: PatternExtractor; readonly source: Source };

export interface FromStep {
  readonly kind: 'from';
  /** For each index, which of its columns feed each output channel (null: the index lacks the field). */
  readonly inputs: readonly { readonly index: StoredIndex; readonly columns: readonly (number | null)[] }[];
  /** METADATA fields appended after the index columns (`_index`, `_id`, ...). */
  readonly metadata: readonly string[];
}

/** One aggregate of a STATS: inputs and the optional per-aggregate WHERE are channels of the input page. */
export interface AggregateSpec {
  readonly def: AggregateFunctionDefinition;
  readonly info: readonly ArgInfo[];
  readonly inputChannels: readonly number[];
  readonly filterChannel: number | null;
  readonly source: Source;
}

/** Output: one block per group channel, then one per aggregate. */
export interface StatsStep {
  readonly kind: 'stats';
  readonly groups: readonly GroupKey[];
  readonly aggregates: readonly AggregateSpec[];
}

export interface AnalyzedQuery {
  readonly steps: readonly PlanStep[];
  readonly columns: Layout;
  /** Warnings known before execution (shadowed STATS names), added to every execution's Warnings. */
  readonly warnings: readonly string[];
}
