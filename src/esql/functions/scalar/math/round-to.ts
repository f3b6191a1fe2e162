import { valueComparator } from '../../../../compute/value-order.js';
import type { Value } from '../support/output-builders.js';
import { commonType } from '../support/common-type.js';
import { widening } from '../support/lazy-branches.js';
import { param } from '../support/param.js';
import { scalarFunction } from '../support/scalar-function.js';

const ROUNDABLE = param('numeric or datetime', 'integer', 'long', 'double', 'datetime');

/**
 * ROUND_TO(field, p1, p2, ...): the largest point not above the value, or the smallest point when the
 * value is below them all.
 */
export const roundTo = scalarFunction({
  name: 'round_to',
  minArgs: 2,
  maxArgs: Infinity,
  params: [ROUNDABLE, ROUNDABLE],
  result: (types, args, call) => {
    const common = commonType(
      call,
      args,
      args.map((_, i) => i),
      true,
    );
    if ('error' in common) return common;
    return types[0] === 'null' ? 'null' : common.type;
  },
  kernel: (types) => {
    const out = types.includes('double') ? 'double' : types.includes('long') ? 'long' : types[0];
    const compare = valueComparator(out);
    const conv = types.map((t) => widening(t, out));
    const n = types.length;
    return (v) => {
      const x = conv[0] === undefined ? v[0] : conv[0](v[0]);
      let best: Value | undefined;
      let lowest: Value | undefined;
      for (let i = 1; i < n; i++) {
        const p = conv[i] === undefined ? v[i] : conv[i]!(v[i]);
        if (lowest === undefined || compare(p, lowest) < 0) lowest = p;
        if (compare(p, x) <= 0 && (best === undefined || compare(p, best) > 0)) best = p;
      }
      return best ?? lowest ?? null;
    };
  },
});
