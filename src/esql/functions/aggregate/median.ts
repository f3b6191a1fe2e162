import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { QuantileAggregator, constantStatistic } from './support/quantile-aggregator.js';

const MEDIAN = { quantile: 0.5 } as const;

/** MEDIAN = PERCENTILE(x, 50), a double. */
export const median: AggregateFunctionDefinition = numericDoubleAggregate({
  name: 'median',
  create: () => new QuantileAggregator(MEDIAN),
  ofConstant: (values) => constantStatistic(MEDIAN, values),
});
