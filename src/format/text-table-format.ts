import type { ColumnInfo, Value } from '../esql/query-engine.js';
import { valueToText } from './value-text.js';

/** ES `TextFormatter` never makes a column narrower than this. */
const MIN_COLUMN_WIDTH = 15;

/**
 * The `format=txt` table, laid out exactly like ES's `TextFormatter`: each column is as wide as
 * its widest cell (at least 15), names are centred, a `-`/`+` rule follows, cells are left-aligned,
 * every line ends with `\n`. No columns (a running query) gives an empty body.
 */
export function formatTextTable(columns: readonly ColumnInfo[], rows: readonly (readonly Value[])[]): string {
  const columnCount = columns.length;
  if (columnCount === 0) return '';
  const cells = new Array<string>(rows.length * columnCount);
  const widths = new Int32Array(columnCount);
  for (let c = 0; c < columnCount; c++) widths[c] = Math.max(MIN_COLUMN_WIDTH, columns[c].name.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < columnCount; c++) {
      const text = valueToText(row[c], columns[c].type, 'null');
      cells[r * columnCount + c] = text;
      if (text.length > widths[c]) widths[c] = text.length;
    }
  }

  const out: string[] = [];
  for (let c = 0; c < columnCount; c++) {
    if (c > 0) out.push('|');
    const name = columns[c].name;
    const left = (widths[c] - name.length) >> 1;
    out.push(' '.repeat(left), name, ' '.repeat(widths[c] - name.length - left));
  }
  out.push('\n');
  for (let c = 0; c < columnCount; c++) {
    if (c > 0) out.push('+');
    out.push('-'.repeat(widths[c]));
  }
  out.push('\n');
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < columnCount; c++) {
      if (c > 0) out.push('|');
      const text = cells[r * columnCount + c];
      out.push(text, ' '.repeat(widths[c] - text.length));
    }
    out.push('\n');
  }
  return out.join('');
}
