import { valueComparator } from '../../../../compute/value-order.js';
import { noText } from '../support/common-type.js';
import { ANY, ORDERED } from '../support/param.js';
import { mvFunction } from '../support/mv-function.js';

/** MV_COUNT, MV_FIRST, MV_LAST, MV_MIN, MV_MAX, MV_DEDUPE: one pass over a position's values. */

export const mvCount = mvFunction({
  name: 'mv_count',
  minArgs: 1,
  params: [ANY],
  ordinal: 'default',
  result: () => 'integer',
  kernel: () => (_vals, start, end, _extra, out) => out.append(end - start),
});

export const mvFirst = mvFunction({
  name: 'mv_first',
  minArgs: 1,
  params: [ANY],
  ordinal: 'default',
  result: (types) => noText(types[0]),
  kernel: () => (vals, start, _end, _extra, out) => out.append(vals[start]),
});

export const mvLast = mvFunction({
  name: 'mv_last',
  minArgs: 1,
  params: [ANY],
  ordinal: 'default',
  result: (types) => noText(types[0]),
  kernel: () => (vals, _start, end, _extra, out) => out.append(vals[end - 1]),
});

function extremum(name: string, sign: 1 | -1) {
  return mvFunction({
    name,
    minArgs: 1,
    params: [ORDERED],
    ordinal: 'default',
    result: (types) => noText(types[0]),
    kernel: ([t]) => {
      const compare = valueComparator(t);
      return (vals, start, end, _extra, out) => {
        let best = vals[start];
        for (let i = start + 1; i < end; i++) if (sign * compare(vals[i], best) > 0) best = vals[i];
        out.append(best);
      };
    },
  });
}

export const mvMax = extremum('mv_max', 1);
export const mvMin = extremum('mv_min', -1);

/** MV_DEDUPE keeps the first occurrence of each value, in order. */
export const mvDedupe = mvFunction({
  name: 'mv_dedupe',
  minArgs: 1,
  params: [ANY],
  ordinal: 'default',
  result: (types) => noText(types[0]),
  kernel: () => {
    const seen = new Set<unknown>();
    return (vals, start, end, _extra, out) => {
      if (end - start === 1) {
        out.append(vals[start]);
        return;
      }
      seen.clear();
      for (let i = start; i < end; i++) {
        const v = vals[i];
        if (!seen.has(v)) {
          seen.add(v);
          out.append(v);
        }
      }
    };
  },
});
