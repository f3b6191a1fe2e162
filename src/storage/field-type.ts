import type { DataType } from '../compute/data-type.js';
import { illegalArgument } from '../errors.js';
import { toHalfFloat } from './float16.js';
import { canonicalIp } from './ip-text.js';
import type { LoadedValue } from './multi-value-order.js';

/**
 * Index field types as written in dataset headers and mappings, and how a source value of each
 * becomes a Block value: the ES|QL type it surfaces as, and the narrowing the field applies
 * (a `float` field returns float32 widened to double, `integer` truncates a decimal source, …).
 */
const FIELD_TYPES: Record<string, DataType> = {
  boolean: 'boolean',
  integer: 'integer',
  short: 'integer',
  byte: 'integer',
  long: 'long',
  unsigned_long: 'unsigned_long',
  double: 'double',
  float: 'double',
  half_float: 'double',
  scaled_float: 'double',
  keyword: 'keyword',
  text: 'text',
  date: 'datetime',
  datetime: 'datetime',
  ip: 'ip',
  version: 'version',
};

export const isFieldType = (t: string): boolean => Object.hasOwn(FIELD_TYPES, t);

/** The ES|QL type a field of `fieldType` surfaces as. */
export function esqlTypeOf(fieldType: string): DataType {
  const t = FIELD_TYPES[fieldType];
  if (t === undefined) throw illegalArgument(`unsupported field type [${fieldType}]`);
  return t;
}

// scaled_float needs a scaling factor from the mapping; the corpus uses 100 throughout.
const SCALING_FACTOR = 100;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Converts one trimmed source text; throws illegal_argument_exception when it does not fit. */
export function parseFieldValue(fieldType: string, text: string): LoadedValue {
  switch (fieldType) {
    case 'keyword':
    case 'text':
    case 'version':
      return text;
    case 'boolean': {
      const l = text.toLowerCase();
      if (l === 'true') return 1;
      if (l === 'false') return 0;
      throw bad(fieldType, text);
    }
    case 'integer':
    case 'short':
    case 'byte': {
      const n = Math.trunc(toNumber(fieldType, text));
      if (n < INT_MIN || n > INT_MAX) throw bad(fieldType, text);
      return n;
    }
    case 'long':
      return Math.trunc(toNumber(fieldType, text)) + 0;
    case 'double':
      return toNumber(fieldType, text);
    case 'float':
      return Math.fround(toNumber(fieldType, text));
    case 'half_float':
      return toHalfFloat(toNumber(fieldType, text));
    case 'scaled_float':
      return Math.round(toNumber(fieldType, text) * SCALING_FACTOR) / SCALING_FACTOR;
    case 'unsigned_long': {
      if (!/^\d+$/.test(text)) throw bad(fieldType, text);
      const v = BigInt(text);
      if (v > 0xffffffffffffffffn) throw bad(fieldType, text);
      return v;
    }
    case 'date':
    case 'datetime':
      return parseDateTime(text);
    case 'ip': {
      const ip = canonicalIp(text);
      if (ip === null) throw bad(fieldType, text);
      return ip;
    }
    default:
      throw illegalArgument(`unsupported field type [${fieldType}]`);
  }
}

function toNumber(fieldType: string, text: string): number {
  const n = text === '' ? NaN : Number(text);
  if (Number.isNaN(n)) throw bad(fieldType, text);
  return n;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

/** ISO-8601 (a bare date is midnight UTC, a missing zone is UTC) or epoch milliseconds. */
export function parseDateTime(text: string): number {
  let ms: number;
  if (/^-?\d+$/.test(text)) ms = Number(text);
  else if (DATE_ONLY.test(text)) ms = Date.parse(`${text}T00:00:00Z`);
  else if (text.includes('T') && !ZONED.test(text)) ms = Date.parse(`${text}Z`);
  else ms = Date.parse(text);
  if (Number.isNaN(ms)) throw bad('date', text);
  return ms;
}

const bad = (fieldType: string, text: string) =>
  illegalArgument(`failed to parse [${text}] as a value of type [${fieldType}]`);
