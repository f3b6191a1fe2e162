import { illegalArgument } from '../errors.js';
import { splitDatasetLine } from './csv-dataset-line.js';
import { esqlTypeOf } from './field-type.js';

/** A typed CSV header turned into what the bulk API needs: a mapping and a row -> document function. */
export interface CsvDocuments {
  /** The `PUT /{index}` body: every column's type, multi-fields (`p.s` of a column `p`) under `fields`. */
  readonly mappings: { properties: Record<string, { type: string; fields?: Record<string, { type: string }> }> };
  /** One data line as `[id, source]`: cells as their text (the server parses them by field type). */
  document(line: string, lineNo: number): [string | undefined, Record<string, string | string[]>];
}

/**
 * Reads a csv-spec dataset header (`name:type,...`) the way loadCsvIndex does, so `qactor load`
 * sends a CSV through `/_bulk` with the same result as loading it at startup: derived multi-fields
 * are not sent (the server derives them from the parent), `_id` names the document.
 */
export function csvDocuments(header: string): CsvDocuments {
  const cells = header.split(',').map((cell) => {
    const at = cell.lastIndexOf(':');
    if (at < 0) throw illegalArgument(`header cell [${cell.trim()}] has no type`);
    const fieldType = cell.slice(at + 1).trim().toLowerCase();
    esqlTypeOf(fieldType);
    return { name: cell.slice(0, at).trim(), fieldType: fieldType === 'datetime' ? 'date' : fieldType };
  });
  const names = new Set(cells.map((c) => c.name));
  const parentOf = (name: string) => {
    const dot = name.lastIndexOf('.');
    return dot > 0 && names.has(name.slice(0, dot)) ? name.slice(0, dot) : undefined;
  };
  const properties: CsvDocuments['mappings']['properties'] = {};
  for (const c of cells) {
    if (c.name === '_id' || parentOf(c.name) !== undefined) continue;
    properties[c.name] = { type: c.fieldType };
  }
  for (const c of cells) {
    const parent = parentOf(c.name);
    if (parent === undefined || c.name === '_id') continue;
    const p = properties[parent];
    p.fields = { ...p.fields, [c.name.slice(parent.length + 1)]: { type: c.fieldType } };
  }
  return {
    mappings: { properties },
    document(line, lineNo) {
      const values = splitDatasetLine(line);
      if (values.length > cells.length) throw illegalArgument(`line ${lineNo}: ${values.length} values for ${cells.length} columns`);
      let id: string | undefined;
      const doc: Record<string, string | string[]> = {};
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null) continue;
        if (cells[i].name === '_id') id = Array.isArray(v) ? v[0] : v;
        else if (parentOf(cells[i].name) === undefined) doc[cells[i].name] = v;
      }
      return [id, doc];
    },
  };
}
