import type { ColumnInfo, Value } from '../esql/query-engine.js';
import { illegalArgument } from '../errors.js';
import { valueToText } from './value-text.js';

/**
 * `format=csv` (RFC 4180: CRLF, quotes doubled, a field quoted when it holds a quote, CR, LF or the
 * delimiter) and `format=tsv` (LF; tab and newline inside a value written as `\t` and `\n`), as
 * ES's `TextFormat`. Null is an empty field. With no columns (a running query) the header row is
 * just the line end: ES answers `"\r\n"` for csv and `"\n"` for tsv.
 */
export interface DelimitedOptions {
  readonly kind: 'csv' | 'tsv';
  readonly delimiter: string;
  readonly header: boolean;
}

export function formatDelimited(
  columns: readonly ColumnInfo[],
  rows: readonly (readonly Value[])[],
  options: DelimitedOptions,
): string {
  const { kind, delimiter } = options;
  const eol = kind === 'csv' ? '\r\n' : '\n';
  const out: string[] = [];
  if (options.header) {
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) out.push(delimiter);
      out.push(escapeField(columns[c].name, kind, delimiter));
    }
    out.push(eol);
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) out.push(delimiter);
      out.push(escapeField(valueToText(row[c], columns[c].type, ''), kind, delimiter));
    }
    out.push(eol);
  }
  return out.join('');
}

function escapeField(value: string, kind: 'csv' | 'tsv', delimiter: string): string {
  if (kind === 'tsv') {
    return value.includes('\n') || value.includes('\t') ? value.replace(/\n/g, '\\n').replace(/\t/g, '\\t') : value;
  }
  let needsQuotes = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' || ch === '\n' || ch === '\r' || ch === delimiter) {
      needsQuotes = true;
      break;
    }
  }
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The `delimiter` URL param for csv, validated with ES's messages. */
export function csvDelimiter(param: string | undefined): string {
  if (param === undefined) return ',';
  if (param.length !== 1) {
    throw illegalArgument(`invalid ${param.length > 0 ? 'multi-character' : 'empty'} delimiter [${param}]`);
  }
  if (param === '"' || param === '\n' || param === '\r') {
    throw illegalArgument(`illegal reserved character specified as delimiter [${param}]`);
  }
  if (param === '\t') {
    throw illegalArgument('illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead');
  }
  return param;
}
