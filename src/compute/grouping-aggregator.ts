import type { Block } from './block.js';
import type { PlainSum } from './plain-sums.js';

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
  /**
   * Optional, for sums (SUM, AVG): when `input` (its one argument) is a single-valued, null-free number column and
   * the state allows it, the state (capacity made for `groupCount` groups) for the operator to add
   * this page together with another such sum in one loop, instead of calling add(); else null.
   */
  plainSum?(input: Block, groupCount: number): PlainSum | null;
  /** Approximate bytes held, for memory accounting. */
  estimatedBytes(): number;
}
