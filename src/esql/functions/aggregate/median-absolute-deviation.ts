import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { QuantileAggregator, constantStatistic } from './support/quantile-aggregator.js';

/** MEDIAN_ABSOLUTE_DEVIATION: median(|x - median(x)|), a double. */
export const medianAbsoluteDeviation: AggregateFunctionDefinition = numericDoubleAggregate({
  name: 'median_absolute_deviation',
  create: () => new QuantileAggregator('median_absolute_deviation'),
  ofConstant: (values) => constantStatistic('median_absolute_deviation', values),
});
