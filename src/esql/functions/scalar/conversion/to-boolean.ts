import { conversionFunction } from '../support/conversion-function.js';

/** TO_BOOLEAN: strings are true only for "true" (any case); numbers are true when non-zero. */
export const toBoolean = conversionFunction({
  name: 'to_boolean',
  aliases: ['to_bool'],
  result: 'boolean',
  from: {
    boolean: 'identity',
    keyword: (v) => ((v as string).toLowerCase() === 'true' ? 1 : 0),
    text: (v) => ((v as string).toLowerCase() === 'true' ? 1 : 0),
    integer: (v) => (v !== 0 ? 1 : 0),
    long: (v) => (v !== 0 ? 1 : 0),
    double: (v) => (v !== 0 ? 1 : 0),
    unsigned_long: (v) => (v !== 0n ? 1 : 0),
  },
});
