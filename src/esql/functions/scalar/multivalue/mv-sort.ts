import { valueComparator } from '../../../../compute/value-order.js';
import type { Value } from '../support/output-builders.js';
import { noText } from '../support/common-type.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { ORDERED, STRING } from '../support/param.js';
import { mvFunction } from '../support/mv-function.js';

/** MV_SORT(field[, "ASC"|"DESC"]). */
export const mvSort = mvFunction({
  name: 'mv_sort',
  minArgs: 1,
  maxArgs: 2,
  params: [ORDERED, STRING],
  result: (types, args, call) => {
    const order = args[1]?.foldable === true ? args[1].value : undefined;
    if (typeof order === 'string' && !/^(asc|desc)$/i.test(order)) {
      return { error: `Invalid order value in [${call}], expected one of [ASC, DESC] but got [${order}]` };
    }
    return noText(types[0]);
  },
  kernel: (types) => {
    const compare = valueComparator(types[0]);
    const scratch: Value[] = [];
    const withOrder = types.length === 2;
    return (vals, start, end, extra, out) => {
      let desc = false;
      if (withOrder) {
        const order = (extra[0] as string).toUpperCase();
        if (order !== 'ASC' && order !== 'DESC') {
          throw illegalArgumentFailure(`Invalid order value in [mv_sort], expected one of [ASC, DESC] but got [${extra[0] as string}]`);
        }
        desc = order === 'DESC';
      }
      scratch.length = 0;
      for (let i = start; i < end; i++) scratch.push(vals[i]);
      scratch.sort(desc ? (a, b) => compare(b, a) : compare);
      for (const v of scratch) out.append(v);
    };
  },
});
