import type { GroupingAggregator } from '../../compute/grouping-aggregator.js';
import type { AnyType, DataType } from '../../compute/data-type.js';
import type { LiteralScalar, Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';

/**
 * The function registry is data: one file per function (or per small family) exports a definition,
 * and registry.ts lists them. The analyzer resolves calls through `resolve`, the planner builds
 * evaluators/aggregators through `build`/`aggregator`.
 */

/** What the analyzer knows about one argument when resolving a call. */
export interface ArgInfo {
  readonly type: AnyType;
  /** True when the argument is a constant (foldable) expression. */
  readonly foldable: boolean;
  /** The constant's value when foldable (lists for multi-values, null for null). */
  readonly value?: LiteralScalar | readonly LiteralScalar[];
  readonly source: Source;
}

/** Either the result type, or a verification problem *without* the `line L:C:` prefix. */
export type Resolution = { readonly type: AnyType } | { readonly error: string };

export interface FunctionContext {
  /** The call's source, for warnings. */
  readonly source: Source;
  readonly warnings: Warnings;
  /** The query's start time in ms since the epoch (NOW() is constant within a query). */
  readonly nowMs: number;
}

export interface ScalarFunctionDefinition {
  readonly kind: 'scalar';
  /** Lower-case name as called; aliases get their own entry pointing at the same definition. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Only available with `--test-functions` (DELAY). */
  readonly testOnly?: boolean;
  /**
   * `call` is the whole call's source: ES echoes its text in type errors (`argument of [ABS(x)] ...`).
   * Optional so callers may omit it; the text is then rebuilt from the name and argument texts.
   */
  resolve(args: readonly ArgInfo[], call?: Source): Resolution;
  build(args: readonly ExpressionEvaluator[], info: readonly ArgInfo[], ctx: FunctionContext): ExpressionEvaluator;
}

export interface AggregateFunctionDefinition {
  readonly kind: 'aggregate';
  readonly name: string;
  readonly aliases?: readonly string[];
  /** `call`: the whole call's source, as for scalars (ES echoes `[SUM(x)]` in type errors). */
  resolve(args: readonly ArgInfo[], call?: Source): Resolution;
  /**
   * `argTypes` are the resolved types of the non-constant inputs in order; constant parameters
   * (percentile's 50, top's 3 and "desc") come through `info[i].value`.
   */
  aggregator(info: readonly ArgInfo[], ctx: FunctionContext): GroupingAggregator;
  /** Which argument positions are evaluated per row and passed as `inputs` (default: all non-foldable). */
  inputArgs?(info: readonly ArgInfo[]): readonly number[];
}

export type { GroupingAggregator };

export type FunctionDefinition = ScalarFunctionDefinition | AggregateFunctionDefinition;

export type ResultType = DataType;
