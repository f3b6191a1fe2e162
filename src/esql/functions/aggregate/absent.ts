import type { AggregateFunctionDefinition } from '../function-definition.js';
import { arityError, resolution } from './support/arg-checks.js';
import { PresenceAggregator } from './support/presence-aggregator.js';

/** ABSENT: true when the group has no non-null value (also for a group without rows). */
export const absent: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'absent',
  resolve(args) {
    return resolution('boolean', arityError('absent', args, 1, 1));
  },
  inputArgs() {
    return [0];
  },
  aggregator() {
    return new PresenceAggregator(true);
  },
};
