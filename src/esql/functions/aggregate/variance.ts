import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { WelfordAggregator } from './support/welford-aggregator.js';

/** VARIANCE (alias STD_VAR): population variance, a double. */
export const variance: AggregateFunctionDefinition = numericDoubleAggregate({
  name: 'variance',
  aliases: ['std_var'],
  create: () => new WelfordAggregator(false),
});
