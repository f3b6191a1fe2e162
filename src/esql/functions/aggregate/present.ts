import type { AggregateFunctionDefinition } from '../function-definition.js';
import { arityError, resolution } from './support/arg-checks.js';
import { PresenceAggregator } from './support/presence-aggregator.js';

/** PRESENT: true when the group has at least one non-null value. */
export const present: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'present',
  resolve(args) {
    return resolution('boolean', arityError('present', args, 1, 1));
  },
  inputArgs() {
    return [0];
  },
  aggregator() {
    return new PresenceAggregator(false);
  },
};
