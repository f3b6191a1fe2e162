import type { Block } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { forEachNumber, valueCountUpperBound } from './for-each-value.js';
import { GroupSamples, medianAbsoluteDeviation, quantile } from './group-samples.js';

/** What to compute from a group's sorted samples. */
export type QuantileStatistic = { readonly quantile: number } | 'median_absolute_deviation';

/**
 * MEDIAN, PERCENTILE and MEDIAN_ABSOLUTE_DEVIATION: collects every value, answers exactly (as ES's
 * t-digest does below its sorting threshold). Null for a group without values.
 */
export class QuantileAggregator implements GroupingAggregator {
  private readonly samples = new GroupSamples();
  private readonly sink = (g: number, v: number): void => this.samples.add(g, v);

  constructor(private readonly statistic: QuantileStatistic) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    this.samples.reserve(valueCountUpperBound(inputs[0], positionCount));
    forEachNumber(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const { offsets, sorted } = this.samples.sortedByGroup(groupCount);
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      const v = statisticOf(this.statistic, sorted, offsets[g], offsets[g + 1]);
      if (Number.isNaN(v)) b.appendNull();
      else b.appendNumber(v);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.samples.estimatedBytes();
  }
}

/** The statistic over `sorted[start..end)` (ascending); NaN when empty. */
export function statisticOf(statistic: QuantileStatistic, sorted: Float64Array, start: number, end: number): number {
  if (statistic === 'median_absolute_deviation') return medianAbsoluteDeviation(sorted, start, end);
  return quantile(sorted, start, end, statistic.quantile);
}

/** The statistic of a constant's values (ES's MV_MEDIAN / MV_PERCENTILE / MV_MEDIAN_ABSOLUTE_DEVIATION surrogates). */
export function constantStatistic(statistic: QuantileStatistic, values: readonly number[]): number | null {
  const sorted = Float64Array.from(values).sort();
  const v = statisticOf(statistic, sorted, 0, sorted.length);
  return Number.isNaN(v) ? null : v;
}
