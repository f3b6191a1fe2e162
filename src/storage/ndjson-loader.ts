import type { DataType } from '../compute/data-type.js';
import { illegalArgument } from '../errors.js';
import { buildSegments, ColumnBuilder } from './column-builder.js';
import { parseDateTime } from './field-type.js';
import type { LoadedValue } from './multi-value-order.js';
import type { StoredIndex } from './stored-index.js';

type JsonScalar = string | number | boolean;

/** What one field held across every document, for type inference. */
interface FieldStats {
  /** Per row: undefined (missing), one scalar, or several. */
  readonly rows: (JsonScalar | JsonScalar[] | undefined)[];
  booleans: number;
  int32s: number;
  longs: number;
  fractions: number;
  dates: number;
  strings: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Loads one JSON object per line. Nested objects become dotted fields (as ES maps object fields),
 * arrays become multi-values, null/missing is null. Field types are inferred over all documents:
 * boolean; integer when every number is an int32, long when integral, double when any has a
 * fraction (JSON.parse cannot tell `1.0` from `1`, so that counts as integral); datetime when every
 * string is an ISO-8601 date; keyword for other strings and for fields mixing kinds. A field that is
 * never given a value is not mapped, as in ES. Columns keep first-seen order.
 */
export function loadNdjsonIndex(name: string, text: string): StoredIndex {
  const fields = new Map<string, FieldStats>();
  const lines = text.split(/\r?\n/);
  let rowCount = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw illegalArgument(`[${name}] line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw illegalArgument(`[${name}] line ${i + 1}: expected a JSON object`);
    }
    flatten(doc as Record<string, unknown>, '', rowCount, fields);
    rowCount++;
  }
  const names: string[] = [];
  const builders: ColumnBuilder[] = [];
  for (const [field, stats] of fields) {
    const type = inferType(stats);
    if (type === null) continue;
    const b = new ColumnBuilder(type);
    for (let r = 0; r < rowCount; r++) {
      const v = stats.rows[r];
      if (v === undefined) b.appendNull();
      else if (Array.isArray(v)) b.appendMulti(v.map((x) => convert(type, x)));
      else b.appendValue(convert(type, v));
    }
    names.push(field);
    builders.push(b);
  }
  return {
    name,
    columns: names.map((n, i) => ({ name: n, type: builders[i].type })),
    rowCount,
    segments: buildSegments(builders, rowCount),
  };
}

function flatten(obj: Record<string, unknown>, prefix: string, row: number, fields: Map<string, FieldStats>): void {
  for (const key of Object.keys(obj)) collect(obj[key], prefix + key, row, fields);
}

function collect(value: unknown, path: string, row: number, fields: Map<string, FieldStats>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, path, row, fields);
    return;
  }
  if (typeof value === 'object') {
    flatten(value as Record<string, unknown>, `${path}.`, row, fields);
    return;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
  let stats = fields.get(path);
  if (stats === undefined) {
    stats = { rows: [], booleans: 0, int32s: 0, longs: 0, fractions: 0, dates: 0, strings: 0 };
    fields.set(path, stats);
  }
  count(stats, value);
  const prev = stats.rows[row];
  if (prev === undefined) stats.rows[row] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else stats.rows[row] = [prev, value];
}

function count(s: FieldStats, v: JsonScalar): void {
  if (typeof v === 'boolean') s.booleans++;
  else if (typeof v === 'number') {
    if (!Number.isInteger(v)) s.fractions++;
    else if (v >= -2147483648 && v <= 2147483647) s.int32s++;
    else s.longs++;
  } else if (ISO_DATE.test(v) && isValidDate(v)) s.dates++;
  else s.strings++;
}

function isValidDate(v: string): boolean {
  try {
    parseDateTime(v.replace(' ', 'T').replace(',', '.'));
    return true;
  } catch {
    return false;
  }
}

function inferType(s: FieldStats): DataType | null {
  const numbers = s.int32s + s.longs + s.fractions;
  const kinds = (s.booleans > 0 ? 1 : 0) + (numbers > 0 ? 1 : 0) + (s.dates + s.strings > 0 ? 1 : 0);
  if (kinds === 0) return null;
  if (kinds > 1) return 'keyword';
  if (s.booleans > 0) return 'boolean';
  if (numbers > 0) return s.fractions > 0 ? 'double' : s.longs > 0 ? 'long' : 'integer';
  return s.strings > 0 ? 'keyword' : 'datetime';
}

function convert(type: DataType, v: JsonScalar): LoadedValue {
  switch (type) {
    case 'boolean':
      return v ? 1 : 0;
    case 'datetime':
      return parseDateTime((v as string).replace(' ', 'T').replace(',', '.'));
    case 'keyword':
      return String(v);
    default:
      return v as number;
  }
}
