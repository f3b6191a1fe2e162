import { STRING } from '../support/param.js';
import { mvFunction } from '../support/mv-function.js';

/** MV_CONCAT(strings, delimiter): the values joined into one keyword. */
export const mvConcat = mvFunction({
  name: 'mv_concat',
  minArgs: 2,
  params: [STRING, STRING],
  result: () => 'keyword',
  kernel: () => (vals, start, end, extra, out) => {
    const delim = extra[0] as string;
    let s = vals[start] as string;
    for (let i = start + 1; i < end; i++) s += delim + (vals[i] as string);
    out.append(s);
  },
});
