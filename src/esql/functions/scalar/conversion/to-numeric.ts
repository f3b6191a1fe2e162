import { doubleToLong, doubleToUnsignedLong, longToInt, longToUnsignedLong, parseDouble, parseInteger, parseLong, parseUnsignedLong, unsignedLongToLong } from '../support/java-number.js';
import { conversionFunction } from '../support/conversion-function.js';
import type { Value } from '../support/output-builders.js';

/** TO_INTEGER, TO_LONG, TO_DOUBLE, TO_UNSIGNED_LONG: ES's safe conversions, per value. */

const bool = (v: Value): number => v as number;
const str = (f: (s: string) => Value) => (v: Value): Value => f(v as string);

export const toInteger = conversionFunction({
  name: 'to_integer',
  aliases: ['to_int'],
  result: 'integer',
  from: {
    boolean: bool,
    integer: 'identity',
    long: (v) => longToInt(v as number),
    datetime: (v) => longToInt(v as number),
    unsigned_long: (v) => longToInt(unsignedLongToLong(v as bigint)),
    double: (v) => longToInt(doubleToLong(v as number)),
    keyword: str(parseInteger),
    text: str(parseInteger),
  },
});

export const toLong = conversionFunction({
  name: 'to_long',
  result: 'long',
  from: {
    boolean: bool,
    integer: (v) => v,
    long: 'identity',
    datetime: 'identity',
    unsigned_long: (v) => unsignedLongToLong(v as bigint),
    double: (v) => doubleToLong(v as number),
    keyword: str(parseLong),
    text: str(parseLong),
  },
});

export const toDouble = conversionFunction({
  name: 'to_double',
  aliases: ['to_dbl'],
  result: 'double',
  from: {
    boolean: bool,
    integer: (v) => v,
    long: 'identity',
    datetime: 'identity',
    unsigned_long: (v) => Number(v),
    double: 'identity',
    keyword: str(parseDouble),
    text: str(parseDouble),
  },
});

export const toUnsignedLong = conversionFunction({
  name: 'to_unsigned_long',
  aliases: ['to_ul', 'to_ulong'],
  result: 'unsigned_long',
  from: {
    boolean: (v) => BigInt(v),
    integer: (v) => longToUnsignedLong(v as number),
    long: (v) => longToUnsignedLong(v as number),
    datetime: (v) => longToUnsignedLong(v as number),
    unsigned_long: 'identity',
    double: (v) => doubleToUnsignedLong(v as number),
    keyword: str(parseUnsignedLong),
    text: str(parseUnsignedLong),
  },
});
