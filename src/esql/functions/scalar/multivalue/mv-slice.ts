import { noText } from '../support/common-type.js';
import { invalidArgumentFailure } from '../support/eval-failure.js';
import { ANY, INTEGER } from '../support/param.js';
import { mvFunction } from '../support/mv-function.js';

/** MV_SLICE(field, start[, end]): 0-based inclusive offsets; negative ones count from the end. */
export const mvSlice = mvFunction({
  name: 'mv_slice',
  minArgs: 2,
  maxArgs: 3,
  params: [ANY, INTEGER, INTEGER],
  result: (types, args) => {
    const s = args[1].foldable ? args[1].value : undefined;
    const e = args[2]?.foldable === true ? args[2].value : undefined;
    if (typeof s === 'number' && typeof e === 'number' && Math.sign(s) === Math.sign(e) && s > e) {
      return { error: 'Start offset is greater than end offset' };
    }
    return noText(types[0]);
  },
  kernel: (types) => {
    const withEnd = types.length === 3;
    return (vals, start, end, extra, out) => {
      const count = end - start;
      let from = extra[0] as number;
      let to = withEnd ? (extra[1] as number) : from;
      if (from < 0) from += count;
      if (to < 0) to += count;
      if (from > to) throw invalidArgumentFailure('Start offset is greater than end offset');
      from = Math.max(0, from);
      to = Math.min(to, count - 1);
      for (let i = from; i <= to; i++) out.append(vals[start + i]);
    };
  },
});
