import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** REVERSE: by grapheme cluster, so combined emoji and accents survive. */
export const reverse = scalarFunction({
  name: 'reverse',
  minArgs: 1,
  params: [STRING],
  result: fixed('keyword'),
  kernel: () => (v) => {
    const s = v[0] as string;
    let out = '';
    for (const { segment } of graphemes.segment(s)) out = segment + out;
    return out;
  },
});
