import type { ColumnInfo } from '../esql/query-engine.js';
import type { AsyncQueryView, CompletedQuery } from '../runtime/query-runtime.js';
import { illegalArgument } from '../errors.js';
import type { ResponseFormat } from './response-format.js';
import { formatDelimited } from './delimited-format.js';
import { EsqlValues, writeJson, type JsonNode } from './json-writer.js';
import { formatTextTable } from './text-table-format.js';

/**
 * Bodies of ES|QL responses. JSON carries the metadata (`id`, `is_running`, `took`, ...) in ES's
 * field order; txt/csv/tsv carry only the table, so for a running async query they are empty and
 * the state lives in the headers.
 */

export interface RenderOptions {
  readonly format: ResponseFormat;
  readonly columnar: boolean;
  readonly dropNullColumns: boolean;
  readonly pretty: boolean;
}

export interface RenderedBody {
  readonly contentType: string;
  readonly body: string;
}

/** ES rejects `columnar` with the tabular formats before running anything. */
export function checkColumnarFormat(format: ResponseFormat, columnar: boolean): void {
  if (columnar && format.kind !== 'json') {
    throw illegalArgument('Invalid use of [columnar] argument: cannot be used in combination with [txt, csv, tsv] formats');
  }
}

export function renderSyncResult(result: CompletedQuery, options: RenderOptions): RenderedBody {
  if (options.format.kind !== 'json') return renderTable(result.columns, result.values, options);
  return json({ took: result.tookMs, ...resultFields(result, options) }, options);
}

/**
 * An async answer (submit, GET, stop, WebSocket `result`). Its `columnar` is the view's, not the
 * reader's: ES keeps the submit's choice with the query, so every read renders as the submit did.
 */
export function renderAsyncView(view: AsyncQueryView, readerOptions: Omit<RenderOptions, 'columnar'>): RenderedBody {
  const options: RenderOptions = { ...readerOptions, columnar: !view.isRunning && view.columnar === true };
  if (view.isRunning) {
    if (options.format.kind !== 'json') return renderTable([], [], options);
    return json(
      {
        id: view.id,
        is_running: true,
        documents_found: 0,
        values_loaded: 0,
        start_time_in_millis: view.startTimeMs,
        expiration_time_in_millis: view.expirationTimeMs,
        all_columns: options.dropNullColumns ? [] : undefined,
        columns: [],
        values: [],
      },
      options,
    );
  }
  const { result } = view;
  if (options.format.kind !== 'json') return renderTable(result.columns, result.values, options);
  return json({ id: view.id, is_running: false, took: result.tookMs, ...resultFields(result, options) }, options);
}

function resultFields(result: CompletedQuery, options: RenderOptions): Record<string, JsonNode | undefined> {
  const { columns, values } = result;
  const channels = options.dropNullColumns ? nonNullChannels(columns, values) : allChannels(columns.length);
  return {
    is_partial: result.isPartial,
    documents_found: result.documentsFound,
    values_loaded: result.valuesLoaded,
    all_columns: options.dropNullColumns ? columnsJson(columns, allChannels(columns.length)) : undefined,
    columns: columnsJson(columns, channels),
    values: new EsqlValues(
      values,
      columns.map((c) => c.type),
      channels,
      options.columnar,
    ),
  };
}

function columnsJson(columns: readonly ColumnInfo[], channels: readonly number[]): JsonNode {
  return channels.map((c) => ({ name: columns[c].name, type: columns[c].type }));
}

const allChannels = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Columns with at least one non-null value, in order. */
function nonNullChannels(columns: readonly ColumnInfo[], rows: CompletedQuery['values']): number[] {
  const seen = new Uint8Array(columns.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < columns.length; c++) if (row[c] !== null) seen[c] = 1;
  }
  const out: number[] = [];
  for (let c = 0; c < columns.length; c++) if (seen[c] === 1) out.push(c);
  return out;
}

/** ES's text formats print every column: `drop_null_columns` shapes only the JSON family. */
function renderTable(columns: readonly ColumnInfo[], values: CompletedQuery['values'], options: RenderOptions): RenderedBody {
  const format = options.format;
  switch (format.kind) {
    case 'txt':
      return { contentType: format.contentType, body: formatTextTable(columns, values) };
    case 'csv':
      return {
        contentType: format.contentType,
        body: formatDelimited(columns, values, { kind: 'csv', delimiter: format.delimiter, header: format.header }),
      };
    case 'tsv':
      return {
        contentType: format.contentType,
        body: formatDelimited(columns, values, { kind: 'tsv', delimiter: '\t', header: true }),
      };
    case 'json':
      throw new Error('renderTable called for json');
  }
}

function json(body: Record<string, JsonNode | undefined>, options: RenderOptions): RenderedBody {
  return { contentType: options.format.contentType, body: writeJson(body, options.pretty) };
}
