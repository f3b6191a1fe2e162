import { illegalArgument } from '../errors.js';
import { buildSegments, ColumnBuilder } from './column-builder.js';
import { type CsvField, splitDatasetLine } from './csv-dataset-line.js';
import { esqlTypeOf, parseFieldValue } from './field-type.js';
import type { LoadedValue } from './multi-value-order.js';
import type { StoredIndex } from './stored-index.js';

interface CsvColumn {
  readonly name: string;
  /** The field type as written in the header (`float`, `short`, `date`, …). */
  readonly fieldType: string;
  /** The cell this column reads: its own, or its parent's for a derived multi-field. */
  readonly source: number;
}

/**
 * Loads an ES csv-spec dataset (CsvTestsDataLoader format): a `name:type` header, then one document
 * per line. A dotted column `p.s` whose parent `p` is also a column is a multi-field: it is derived
 * from the parent's source text through its own field type, as ES indexes it, and the CSV's own
 * cells for it are ignored (employees is loaded `noSubfields()` upstream; its subfield cells even
 * hold a typo that ES never sees). The `_id` column names the document and is not a field.
 */
export function loadCsvIndex(name: string, text: string): StoredIndex {
  const lines = text.split(/\r?\n/);
  let i = 0;
  let header: string | undefined;
  for (; i < lines.length && header === undefined; i++) {
    const l = lines[i].trim();
    if (!isSkipped(l)) header = l;
  }
  if (header === undefined) throw illegalArgument(`[${name}]: dataset has no header line`);
  const columns = parseHeader(name, header);
  const fields = columns.filter((c) => c.name !== '_id');
  const builders = fields.map((c) => new ColumnBuilder(esqlTypeOf(c.fieldType)));
  const width = columns.length;
  let rowCount = 0;
  for (; i < lines.length; i++) {
    const l = lines[i].trim();
    if (isSkipped(l)) continue;
    const cells = splitDatasetLine(l);
    if (cells.length > width) {
      throw illegalArgument(`[${name}] line ${i + 1}: ${cells.length} values for ${width} columns`);
    }
    for (let f = 0; f < fields.length; f++) {
      appendCell(builders[f], fields[f], cells[fields[f].source] ?? null, name, i + 1);
    }
    rowCount++;
  }
  return {
    name,
    columns: fields.map((c, f) => ({ name: c.name, type: builders[f].type })),
    rowCount,
    segments: buildSegments(builders, rowCount),
  };
}

const isSkipped = (l: string) => l === '' || l.startsWith('//') || l.startsWith('#');

function parseHeader(index: string, header: string): CsvColumn[] {
  const raw = header.split(',').map((cell) => {
    const at = cell.lastIndexOf(':');
    if (at < 0) throw illegalArgument(`[${index}]: header cell [${cell.trim()}] has no type`);
    return { name: cell.slice(0, at).trim(), fieldType: cell.slice(at + 1).trim().toLowerCase() };
  });
  const position = new Map(raw.map((c, i) => [c.name, i]));
  return raw.map((c, i) => {
    const dot = c.name.lastIndexOf('.');
    const parent = dot > 0 ? position.get(c.name.slice(0, dot)) : undefined;
    esqlTypeOf(c.fieldType);
    return { ...c, source: parent ?? i };
  });
}

function appendCell(b: ColumnBuilder, column: CsvColumn, cell: CsvField, index: string, line: number): void {
  try {
    if (cell === null) b.appendNull();
    else if (typeof cell === 'string') b.appendValue(parseFieldValue(column.fieldType, cell));
    else {
      const values = new Array<LoadedValue>(cell.length);
      for (let k = 0; k < cell.length; k++) values[k] = parseFieldValue(column.fieldType, cell[k]);
      b.appendMulti(values);
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw illegalArgument(`[${index}] line ${line}, column [${column.name}]: ${reason}`);
  }
}
