import type { Block } from './block.js';

/**
 * Grouping aggregation state for one aggregate of a STATS. Group ids are dense ints assigned by the
 * hash aggregation operator; a STATS without BY uses group 0 only.
 */
export interface GroupingAggregator {
  /**
   * Accumulate positions `0..positionCount)`: position p goes to group `groupIds[p]`; a negative
   * group id means "skip" (the per-aggregate WHERE was not true). `inputs` are the evaluated argument
   * blocks (empty for `COUNT(*)`). Multi-values count as several values, as in ES. `groupCount`,
   * when given, bounds the group ids (every id is below it): no need to scan them for capacity.
   */
  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number, groupCount?: number): void;
  /**
   * One position per group `0..groupCount)`. Must not reset or alter the state: it is also used
   * for live previews while the query keeps running.
   */
  evaluate(groupCount: number): Block;
  /** Approximate bytes held, for memory accounting. */
  estimatedBytes(): number;
}
