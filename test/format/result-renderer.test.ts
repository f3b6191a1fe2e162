import { describe, expect, it } from 'vitest';
import { checkColumnarFormat, renderAsyncView, renderSyncResult, type RenderOptions } from '../../src/format/result-renderer.js';
import { completed } from '../http/fake-runtime.js';
import { esErrorOf } from '../http/reason-of.js';

const JSON_FORMAT = { kind: 'json', contentType: 'application/json' } as const;
const options = (o: Partial<RenderOptions> = {}): RenderOptions => ({
  format: JSON_FORMAT,
  columnar: false,
  dropNullColumns: false,
  pretty: false,
  ...o,
});

describe('result rendering', () => {
  it('orders sync fields as ES does', () => {
    const body = JSON.parse(renderSyncResult(completed(), options()).body) as object;
    expect(Object.keys(body)).toEqual(['took', 'is_partial', 'documents_found', 'values_loaded', 'columns', 'values']);
  });

  it('orders finished async fields as ES does, id first when kept', () => {
    const view = { id: 'abc', isRunning: false as const, result: completed(), startTimeMs: 1, expirationTimeMs: 2 };
    const body = JSON.parse(renderAsyncView(view, options({ dropNullColumns: true })).body) as object;
    expect(Object.keys(body)).toEqual([
      'id',
      'is_running',
      'took',
      'is_partial',
      'documents_found',
      'values_loaded',
      'all_columns',
      'columns',
      'values',
    ]);
  });

  it('keeps all_columns empty for a running query with drop_null_columns', () => {
    const view = { id: 'abc', isRunning: true as const, startTimeMs: 1, expirationTimeMs: 2 };
    expect(JSON.parse(renderAsyncView(view, options({ dropNullColumns: true })).body)).toEqual({
      id: 'abc',
      is_running: true,
      documents_found: 0,
      values_loaded: 0,
      start_time_in_millis: 1,
      expiration_time_in_millis: 2,
      all_columns: [],
      columns: [],
      values: [],
    });
  });

  it('drops all-null columns and can go columnar at once', () => {
    const body = renderSyncResult(completed(), options({ dropNullColumns: true, columnar: true })).body;
    expect(body).toContain('"columns":[{"name":"a","type":"integer"},{"name":"d","type":"double"}],"values":[[1,2],[1.0,2.5]]');
  });

  it('renders an async view per column when its query was submitted columnar, whoever reads it', () => {
    const view = { id: 'abc', isRunning: false as const, result: completed(), startTimeMs: 1, expirationTimeMs: 2 };
    const { columnar: _reader, ...reader } = options();
    expect(renderAsyncView({ ...view, columnar: true }, reader).body).toContain('"values":[[1,2],[1.0,2.5],[null,null]]');
    expect(renderAsyncView(view, options({ columnar: true })).body).toContain('"values":[[1,1.0,null],[2,2.5,null]]');
    const csv = { kind: 'csv', delimiter: ',', header: true, contentType: 'text/csv' } as const;
    expect(renderAsyncView({ ...view, columnar: true }, options({ format: csv })).body).toBe('a,d,n\r\n1,1.0,\r\n2,2.5,\r\n');
  });

  it('prints every column in text formats, as ES ignores drop_null_columns there', () => {
    const csv = { kind: 'csv', delimiter: ',', header: true, contentType: 'text/csv' } as const;
    expect(renderSyncResult(completed(), options({ format: csv, dropNullColumns: true })).body).toBe('a,d,n\r\n1,1.0,\r\n2,2.5,\r\n');
  });

  it('refuses columnar with text formats', () => {
    expect(esErrorOf(() => checkColumnarFormat({ kind: 'txt', contentType: 'text/plain' }, true)).status).toBe(400);
    expect(() => checkColumnarFormat(JSON_FORMAT, true)).not.toThrow();
  });
});
