import type { Value } from '../support/output-builders.js';
import { conversionFunction } from '../support/conversion-function.js';
import { formatIsoDate } from '../support/iso-date.js';
import { formatDouble, formatLong } from '../support/numeric.js';

/** How ES prints each type as a keyword. */
const FROM = {
  boolean: (v: Value) => (v === 1 ? 'true' : 'false'),
  integer: (v: Value) => String(v),
  long: (v: Value) => formatLong(v as number),
  double: (v: Value) => formatDouble(v as number),
  unsigned_long: (v: Value) => (v as bigint).toString(),
  datetime: (v: Value) => formatIsoDate(v as number),
  keyword: 'identity',
  text: 'identity',
  ip: 'identity',
  version: 'identity',
} as const;

export const toString = conversionFunction({ name: 'to_string', aliases: ['to_str'], result: 'keyword', from: FROM });

/** TO_TEXT: the same conversion, typed text. */
export const toText = conversionFunction({ name: 'to_text', result: 'text', from: FROM });
