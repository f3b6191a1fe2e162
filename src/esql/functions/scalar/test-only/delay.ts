import { EsError } from '../../../../errors.js';
import type { ScalarFunctionDefinition } from '../../function-definition.js';
import { arityError, callText, typeError } from '../support/param.js';

/**
 * DELAY(duration) (test-only, `--test-functions`): sleeps per page to make queries slow. The planner
 * turns `EVAL x = DELAY(d)` into a DelayOperator, so there is no per-row evaluator.
 */
export const delay: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'delay',
  testOnly: true,
  resolve(args, call) {
    const arity = arityError('delay', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    if (args[0].type !== 'time_duration') {
      return { error: typeError(callText('delay', args, call), args, 0, 'time_duration', 'default') };
    }
    return { type: 'boolean' };
  },
  build() {
    throw new EsError('illegal_argument_exception', 'DELAY is only supported as `EVAL x = DELAY(duration)`');
  },
};
