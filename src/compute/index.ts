/**
 * compute/: the columnar execution engine, after ES's `x-pack/plugin/esql/compute`.
 *
 * Data moves as Pages of Blocks (typed arrays, a null bitmap, multi-value offsets) through a chain
 * of Operators (`needsInput/addInput/getOutput/finish/isFinished/close`) run by a Driver in time
 * slices. Memory held by buffering operators is reserved on the query's BlockFactory, which throws
 * `circuit_breaking_exception` when over budget. Stop is `Driver.finishEarly()` (sources end, the
 * normal finish cascade runs over the rows seen); cancel is the DriverContext's AbortSignal.
 *
 * This layer knows nothing of ES|QL syntax, HTTP, Redis, XState or timers: expressions arrive as
 * BlockEvaluators, aggregates as GroupingAggregators, sleeping through DriverContext.sleep.
 */
export * from './block.js';
export * from './block-builder.js';
export type { BlockEvaluator } from './block-evaluator.js';
export * from './block-factory.js';
export * from './data-type.js';
export * from './driver.js';
export * from './delay-operator.js';
export * from './eval-operator.js';
export * from './filter-operator.js';
export type { GroupingAggregator } from './grouping-aggregator.js';
export * from './hash-aggregation-operator.js';
export * from './index-source-operator.js';
export * from './limit-operator.js';
export * from './local-source-operator.js';
export * from './mv-expand-operator.js';
export * from './operator.js';
export * from './page.js';
export * from './page-bytes.js';
export * from './project-operator.js';
export { type SortKey, describeSortKeys } from './sort-key.js';
export * from './sort-operator.js';
export * from './top-n-operator.js';
export * from './value-order.js';
