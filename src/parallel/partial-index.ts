import type { Block } from '../compute/block.js';
import { emptyValues } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';
import type { Page } from '../compute/page.js';
import { illegalArgument } from '../errors.js';
import type { ColumnInfo, Value } from '../esql/query-engine.js';
import { ColumnBuilder } from '../storage/column-builder.js';
import { normalizeMultiValue, type LoadedValue } from '../storage/multi-value-order.js';
import { SEGMENT_SIZE, type StoredIndex } from '../storage/stored-index.js';
import { PARTIALS_INDEX } from './split-plan.js';
import { type ScalarValue, storedValueOf } from './partial-values.js';

/**
 * Today every DataType (compute/data-type.ts), listed again on purpose: a type added there must be shown
 * to round-trip (partial-values.ts and its tests) before split queries may carry it.
 */
const PARTIAL_TYPES = new Set<DataType>([
  'boolean',
  'integer',
  'long',
  'unsigned_long',
  'double',
  'keyword',
  'text',
  'datetime',
  'ip',
  'version',
  'null',
]);

/** Whether rows of this type survive the trip worker → partials index (EngineResult values back to stored form). */
export function isPartialType(type: DataType): boolean {
  return PARTIAL_TYPES.has(type);
}

/** Something that cuts one column into per-segment Blocks: a ColumnBuilder or an OrderKeepingColumn. */
interface ColumnBlocks {
  block(from: number, to: number): Block;
}

/** The workers' result rows (EngineResult.values, one array per worker) as the StoredIndex PARTIALS_INDEX. */
export function partialIndex(columns: readonly ColumnInfo[], rowsPerWorker: readonly (readonly (readonly Value[])[])[]): StoredIndex {
  for (const c of columns) if (!isPartialType(c.type)) throw illegalArgument(`column [${c.name}] of type [${c.type}] cannot be a partial`);
  const rows = rowsPerWorker.flat();
  const builders = columns.map((c, i) => columnBlocks(c.type, rows, i));
  const segments: Page[] = [];
  for (let from = 0; from < rows.length; from += SEGMENT_SIZE) {
    const to = Math.min(rows.length, from + SEGMENT_SIZE);
    segments.push({ positionCount: to - from, blocks: builders.map((b) => b.block(from, to)) });
  }
  return { name: PARTIALS_INDEX, columns: columns.map(({ name, type }) => ({ name, type })), rowCount: rows.length, segments };
}

function columnBlocks(type: DataType, rows: readonly (readonly Value[])[], channel: number): ColumnBlocks {
  const convert = storedValueOf(type);
  const multi = (v: readonly Value[]): LoadedValue[] => {
    const out: LoadedValue[] = [];
    for (const x of v) if (x !== null && !Array.isArray(x)) out.push(convert(x as ScalarValue));
    return out;
  };
  // A loader sorts (and de-duplicates) multi-values as ES doc values; a function's output keeps its
  // order (SPLIT, MV_APPEND), which the storage must not change.
  for (const row of rows) {
    const v = row[channel];
    if (!Array.isArray(v)) continue;
    const values = multi(v as readonly Value[]);
    if (!sameValues(normalizeMultiValue(type, [...values]), values)) {
      return new OrderKeepingColumn(type, rows.map((r) => stored(type, r[channel], convert, multi)));
    }
  }
  const builder = new ColumnBuilder(type);
  for (const row of rows) {
    const v = row[channel];
    if (v === null || v === undefined || type === 'null') builder.appendNull();
    else if (Array.isArray(v)) builder.appendMulti(multi(v as readonly Value[]));
    else builder.appendValue(convert(v as ScalarValue));
  }
  return builder;
}

function stored(
  type: DataType,
  v: Value | undefined,
  convert: (v: ScalarValue) => LoadedValue,
  multi: (v: readonly Value[]) => LoadedValue[],
): LoadedValue | LoadedValue[] | null {
  if (v === null || v === undefined || type === 'null') return null;
  if (!Array.isArray(v)) return convert(v as ScalarValue);
  const list = multi(v as readonly Value[]);
  return list.length === 0 ? null : list;
}

function sameValues(a: readonly LoadedValue[], b: readonly LoadedValue[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || (typeof x === 'number' && Number.isNaN(x) && Number.isNaN(b[i])));
}

/** Plain blocks holding multi-values in the order given, flagged not sorted. */
class OrderKeepingColumn implements ColumnBlocks {
  constructor(
    private readonly type: DataType,
    private readonly values: readonly (LoadedValue | LoadedValue[] | null)[],
  ) {}

  block(from: number, to: number): Block {
    const positionCount = to - from;
    let valueCount = 0;
    let anyNull = false;
    for (let p = from; p < to; p++) {
      const v = this.values[p];
      if (v === null) anyNull = true;
      else valueCount += Array.isArray(v) ? v.length : 1;
    }
    const nulls = anyNull ? new Uint8Array(positionCount) : undefined;
    const out = emptyValues(this.type, valueCount) as unknown as LoadedValue[];
    const firstValueIndexes = new Int32Array(positionCount + 1);
    let w = 0;
    for (let p = from; p < to; p++) {
      const v = this.values[p];
      firstValueIndexes[p - from] = w;
      if (v === null) nulls![p - from] = 1;
      else if (Array.isArray(v)) for (const x of v) out[w++] = x;
      else out[w++] = v;
    }
    firstValueIndexes[positionCount] = w;
    return {
      type: this.type,
      positionCount,
      values: out as unknown as Block['values'],
      ...(nulls === undefined ? {} : { nulls }),
      firstValueIndexes,
      mvSorted: false,
    };
  }
}
