import { valueComparator } from '../../../../compute/value-order.js';
import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { ArgInfo } from '../../function-definition.js';
import { commonType, noText } from '../support/common-type.js';
import { widening } from '../support/lazy-branches.js';
import { ORDERED } from '../support/param.js';
import { scalarFunction } from '../support/scalar-function.js';

const resultOf = (_types: readonly AnyType[], args: readonly ArgInfo[], call: string) => {
  const common = commonType(
    call,
    args,
    args.map((_, i) => i),
    true,
  );
  return 'error' in common ? common : noText(common.type);
};

/** The common (widened numeric) type of already-resolved argument types. */
function widest(types: readonly DataType[]): DataType {
  const rank: readonly DataType[] = ['integer', 'long', 'unsigned_long', 'double'];
  if (!types.every((t) => rank.includes(t))) return noText(types[0]) as DataType;
  return types.reduce((a, b) => (rank.indexOf(b) > rank.indexOf(a) ? b : a));
}

/**
 * CLAMP_MIN(field, min) = max(field, min), CLAMP_MAX(field, max) = min(field, max),
 * CLAMP(field, min, max) = both; single values, numbers widened to the common type.
 */
function clampFunction(name: string, arity: 2 | 3, lowerArg: number, upperArg: number) {
  return scalarFunction({
    name,
    minArgs: arity,
    params: new Array(arity).fill(ORDERED),
    result: resultOf,
    kernel: (types) => {
      const out = widest(types);
      const compare = valueComparator(out);
      const conv = types.map((t) => widening(t, out));
      return (v) => {
        for (let i = 0; i < types.length; i++) if (conv[i] !== undefined) v[i] = conv[i]!(v[i]);
        let x = v[0];
        if (lowerArg >= 0 && compare(x, v[lowerArg]) < 0) x = v[lowerArg];
        if (upperArg >= 0 && compare(x, v[upperArg]) > 0) x = v[upperArg];
        return x;
      };
    },
  });
}

export const clamp = clampFunction('clamp', 3, 1, 2);
export const clampMin = clampFunction('clamp_min', 2, 1, -1);
export const clampMax = clampFunction('clamp_max', 2, -1, 1);
