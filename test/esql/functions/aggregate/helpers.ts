import type { Block } from '../../../../src/compute/block.js';
import { type Scalar, blockFromValues, blockToValues } from '../../../../src/compute/block-builder.js';
import type { AnyType, DataType } from '../../../../src/compute/data-type.js';
import type { LiteralScalar } from '../../../../src/esql/ast.js';
import type {
  AggregateFunctionDefinition,
  ArgInfo,
  FunctionContext,
  GroupingAggregator,
} from '../../../../src/esql/functions/function-definition.js';
import { lookupFunction } from '../../../../src/esql/functions/registry.js';
import { Warnings } from '../../../../src/esql/warnings.js';

export type Cell = Scalar | readonly Scalar[] | null;

/** The registered aggregate definition (also checks it is registered under that name). */
export function aggregate(name: string): AggregateFunctionDefinition {
  const def = lookupFunction(name);
  if (def === undefined || def.kind !== 'aggregate') throw new Error(`no aggregate ${name}`);
  return def;
}

/** A field argument (evaluated per row). */
export const field = (type: AnyType, text = 'x'): ArgInfo => ({
  type,
  foldable: false,
  source: { line: 1, column: 1, text },
});

/** A constant argument. */
export const constant = (type: AnyType, value: LiteralScalar | readonly LiteralScalar[], text?: string): ArgInfo => ({
  type,
  foldable: true,
  value,
  source: { line: 1, column: 1, text: text ?? (Array.isArray(value) ? `[${value.join(', ')}]` : String(value)) },
});

export function context(text = 'agg(x)'): FunctionContext {
  return { source: { line: 2, column: 9, text }, warnings: new Warnings(), nowMs: 0 };
}

export const block = (type: DataType, cells: readonly Cell[]): Block => blockFromValues(type, cells);

export interface Batch {
  readonly groups: readonly number[];
  /** One column per input argument (as listed by inputArgs). */
  readonly columns: readonly Block[];
}

/** Feeds the batches and returns the evaluated groups as JS values. */
export function feed(aggregator: GroupingAggregator, batches: readonly Batch[], groupCount: number): (Scalar | Scalar[] | null)[] {
  for (const b of batches) aggregator.add(Int32Array.from(b.groups), b.columns, b.groups.length);
  return blockToValues(aggregator.evaluate(groupCount));
}

/** Builds the aggregator for `args` and checks that inputArgs matches the columns given. */
export function build(
  name: string,
  args: readonly ArgInfo[],
  ctx: FunctionContext = context(),
): { aggregator: GroupingAggregator; inputArgs: readonly number[] } {
  const def = aggregate(name);
  const resolved = def.resolve(args);
  if ('error' in resolved) throw new Error(resolved.error);
  const inputArgs = def.inputArgs?.(args) ?? args.map((a, i) => (a.foldable ? -1 : i)).filter((i) => i >= 0);
  return { aggregator: def.aggregator(args, ctx), inputArgs };
}

export function resolveType(name: string, args: readonly ArgInfo[]): string {
  const r = aggregate(name).resolve(args);
  return 'error' in r ? `error: ${r.error}` : r.type;
}
