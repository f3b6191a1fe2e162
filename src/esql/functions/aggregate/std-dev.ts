import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { WelfordAggregator } from './support/welford-aggregator.js';

/** STD_DEV: population standard deviation, a double. */
export const stdDev: AggregateFunctionDefinition = numericDoubleAggregate({
  name: 'std_dev',
  create: () => new WelfordAggregator(true),
});
