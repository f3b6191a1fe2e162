/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON, checked field by field with expect. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsError, invalidId, resourceNotFound } from '../../src/errors.js';
import { DEFAULT_REQUEST_LIMITS } from '../../src/http/request-limits.js';
import { buildServer } from '../../src/http/server.js';
import { FakeRuntime, completed } from './fake-runtime.js';

const VENDOR8 = 'application/vnd.elasticsearch+json; compatible-with=8';

let runtime: FakeRuntime;
let app: FastifyInstance;
let reported: unknown[];

beforeEach(async () => {
  runtime = new FakeRuntime();
  reported = [];
  app = buildServer(runtime, {
    bodyLimitBytes: 4096,
    nodeName: 'node-1',
    clusterName: 'test-cluster',
    onUnexpectedError: (err) => reported.push(err),
  });
  await app.ready();
});
afterEach(async () => {
  await app.close();
});

const postQuery = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }, url = '/_query') =>
  app.inject({ method: 'POST', url, payload, headers });

describe('POST /_query', () => {
  it('answers the sync result shape with the product header and no async fields', async () => {
    const res = await postQuery('{"query":"ROW a = 1"}');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-elasticsearch-async-is-running']).toBeUndefined();
    expect(res.body).toBe(
      '{"took":7,"is_partial":false,"documents_found":2,"values_loaded":4,' +
        '"columns":[{"name":"a","type":"integer"},{"name":"d","type":"double"},{"name":"n","type":"keyword"}],' +
        '"values":[[1,1.0,null],[2,2.5,null]]}',
    );
    // The signal cancels the query if the client hangs up before the answer.
    expect(runtime.calls).toEqual([
      { method: 'query', args: [{ query: 'ROW a = 1', params: undefined, signal: expect.any(AbortSignal) }] },
    ]);
  });

  it('accepts the vendor media type and echoes it, and bodies with no or text content type', async () => {
    const vendor = await postQuery('{"query":"x"}', { 'content-type': VENDOR8, accept: VENDOR8 });
    expect(vendor.statusCode).toBe(200);
    expect(vendor.headers['content-type']).toBe('application/vnd.elasticsearch+json;compatible-with=8');
    const variants: Record<string, string>[] = [{}, { 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }];
    for (const headers of variants) {
      const res = await postQuery('{"query":"x"}', headers);
      expect(res.statusCode).toBe(200);
      expect(res.json().took).toBe(7);
    }
  });

  it('passes params and renders columnar and drop_null_columns', async () => {
    const res = await postQuery('{"query":"x","params":[{"a":{"value":1}}],"columnar":true}', undefined, '/_query?drop_null_columns');
    expect(runtime.calls[0].args[0]).toEqual({ query: 'x', params: { a: 1 }, signal: expect.any(AbortSignal) });
    const body = res.json();
    expect(body.all_columns.map((c: { name: string }) => c.name)).toEqual(['a', 'd', 'n']);
    expect(body.columns.map((c: { name: string }) => c.name)).toEqual(['a', 'd']);
    expect(body.values).toEqual([
      [1, 2],
      [1, 2.5],
    ]);
  });

  it('renders text formats', async () => {
    const txt = await postQuery('{"query":"x"}', undefined, '/_query?format=txt');
    expect(txt.headers['content-type']).toBe('text/plain');
    expect(txt.body.split('\n')[2]).toBe('1              |1.0            |null           ');
    const csv = await postQuery('{"query":"x"}', undefined, '/_query?format=csv&delimiter=%3B');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body).toBe('a;d;n\r\n1;1.0;\r\n2;2.5;\r\n');
    const tsv = await postQuery('{"query":"x"}', { 'content-type': 'application/json', accept: 'text/tab-separated-values' });
    expect(tsv.body).toBe('a\td\tn\n1\t1.0\t\n2\t2.5\t\n');
  });

  it('rejects columnar with a text format before running anything', async () => {
    const res = await postQuery('{"query":"x","columnar":true}', undefined, '/_query?format=csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.reason).toBe(
      'Invalid use of [columnar] argument: cannot be used in combination with [txt, csv, tsv] formats',
    );
    expect(runtime.calls).toEqual([]);
  });

  it('maps request errors to ES envelopes', async () => {
    const missing = await postQuery('{}');
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(missing.json()).toEqual({
      error: {
        root_cause: [{ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: [query] is required;' }],
        type: 'action_request_validation_exception',
        reason: 'Validation Failed: 1: [query] is required;',
      },
      status: 400,
    });
    const malformed = await postQuery('{"query": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.type).toBe('x_content_parse_exception');
    const unknownField = await postQuery('{"query":"x","foo":1}');
    expect(unknownField.json().error.reason).toBe('[1:14] [esql/query] unknown field [foo]');
    const unknownParam = await postQuery('{"query":"x"}', undefined, '/_query?fromat=txt');
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json().error.reason).toBe('request [/_query] contains unrecognized parameter: [fromat]');
    const tooLarge = await postQuery(JSON.stringify({ query: 'x'.repeat(5000) }));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.type).toBe('request_entity_too_large_exception');
  });

  it('renders engine errors with their status, and hides unexpected ones behind a 500', async () => {
    runtime.error = new EsError('verification_exception', 'Found 1 problem\nline 1:6: Unknown index [nope]');
    const verification = await postQuery('{"query":"FROM nope"}');
    expect(verification.statusCode).toBe(400);
    expect(verification.json().error.reason).toBe('Found 1 problem\nline 1:6: Unknown index [nope]');
    expect(reported).toEqual([]);
    const bugError = new Error('secret internals');
    runtime.error = bugError;
    const bug = await postQuery('{"query":"x"}');
    expect(bug.statusCode).toBe(500);
    expect(bug.json().error).toMatchObject({ type: 'status_exception', reason: 'internal server error' });
    expect(bug.body).not.toContain('secret');
    expect(reported).toEqual([bugError]);
  });

  it('sends warnings as ES Warning headers', async () => {
    runtime.result = completed({ warnings: ['Line 1:1: evaluation of [1/0] failed', 'say "hi"'] });
    const res = await postQuery('{"query":"x"}');
    expect(res.headers.warning).toEqual([
      '299 Elasticsearch-8.19.0-qactor "Line 1:1: evaluation of [1/0] failed"',
      '299 Elasticsearch-8.19.0-qactor "say \\"hi\\""',
    ]);
  });

  it('accepts the generic ES params', async () => {
    const res = await postQuery('{"query":"x"}', undefined, '/_query?error_trace=true&human&filter_path=took&pretty=false');
    expect(res.statusCode).toBe(200);
    expect(res.json().took).toBe(7);
  });

  it('echoes X-Opaque-Id', async () => {
    const res = await postQuery('{"query":"x"}', { 'content-type': 'application/json', 'x-opaque-id': 'req-42' });
    expect(res.headers['x-opaque-id']).toBe('req-42');
  });

  it('pretty-prints with ?pretty', async () => {
    const res = await postQuery('{"query":"x"}', undefined, '/_query?pretty');
    expect(res.body.startsWith('{\n  "took" : 7,\n')).toBe(true);
  });
});

describe('async routes', () => {
  it('submits with ES defaults', async () => {
    await postQuery('{"query":"x"}', undefined, '/_query/async');
    expect(runtime.calls[0]).toEqual({
      method: 'submit',
      args: [
        {
          query: 'x',
          params: undefined,
          waitForCompletionMs: 1000,
          keepAliveMs: 432_000_000,
          keepOnCompletion: false,
          columnar: false,
          allowPartialResults: true,
        },
      ],
    });
  });

  it('takes async knobs from the body, else the URL; -1 waits for completion', async () => {
    await postQuery(
      '{"query":"x","wait_for_completion_timeout":"2s","keep_on_completion":true}',
      undefined,
      '/_query/async?wait_for_completion_timeout=5s&keep_alive=1m',
    );
    expect(runtime.calls[0].args[0]).toMatchObject({ waitForCompletionMs: 2000, keepAliveMs: 60_000, keepOnCompletion: true });
    await postQuery('{"query":"x"}', undefined, '/_query/async?wait_for_completion_timeout=-1&keep_on_completion=true');
    // `-1` waits as long as the cap allows (README-limits.md), never indefinitely.
    expect(runtime.calls[1].args[0]).toMatchObject({ waitForCompletionMs: DEFAULT_REQUEST_LIMITS.maxWaitForCompletionMs, keepOnCompletion: true });
    const bad = await postQuery('{"query":"x","keep_alive":"-1"}', undefined, '/_query/async');
    expect(bad.statusCode).toBe(400);
  });

  it('takes allow_partial_results from the body, else the URL, validated like the other booleans', async () => {
    await postQuery('{"query":"x"}', undefined, '/_query/async?allow_partial_results=false');
    expect(runtime.calls[0].args[0]).toMatchObject({ allowPartialResults: false });
    await postQuery('{"query":"x","allow_partial_results":"false"}', undefined, '/_query/async?allow_partial_results=true');
    expect(runtime.calls[1].args[0]).toMatchObject({ allowPartialResults: false });
    await postQuery('{"query":"x","allow_partial_results":true}', undefined, '/_query/async');
    expect(runtime.calls[2].args[0]).toMatchObject({ allowPartialResults: true });
    const badUrl = await postQuery('{"query":"x"}', undefined, '/_query/async?allow_partial_results=no');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Failed to parse value [no] as only [true] or [false] are allowed.',
    });
    const badBody = await postQuery('{"query":"x","allow_partial_results":1}', undefined, '/_query/async');
    expect(badBody.json().error).toMatchObject({
      type: 'x_content_parse_exception',
      reason: "[1:38] [esql/async_query] allow_partial_results doesn't support values of type: VALUE_NUMBER",
    });
    expect(runtime.calls).toHaveLength(3);
    // The sync endpoint validates it too (nothing there can end partial on a failure).
    expect((await postQuery('{"query":"x","allow_partial_results":false}')).statusCode).toBe(200);
    expect((await postQuery('{"query":"x"}', undefined, '/_query?allow_partial_results=maybe')).statusCode).toBe(400);
  });

  it('answers a running query with its id in body and headers', async () => {
    runtime.view = { id: 'FmlkPQ==', isRunning: true, startTimeMs: 1000, expirationTimeMs: 5000 };
    const res = await postQuery('{"query":"x"}', undefined, '/_query/async');
    expect(res.headers['x-elasticsearch-async-id']).toBe('FmlkPQ==');
    expect(res.headers['x-elasticsearch-async-is-running']).toBe('?1');
    expect(res.json()).toEqual({
      id: 'FmlkPQ==',
      is_running: true,
      documents_found: 0,
      values_loaded: 0,
      start_time_in_millis: 1000,
      expiration_time_in_millis: 5000,
      columns: [],
      values: [],
    });
    for (const [format, body] of [
      ['txt', ''],
      ['csv', '\r\n'],
      ['tsv', '\n'],
    ]) {
      const text = await postQuery('{"query":"x"}', undefined, `/_query/async?format=${format}`);
      expect(text.body).toBe(body);
      expect(text.headers['x-elasticsearch-async-id']).toBe('FmlkPQ==');
    }
  });

  it('omits the id of a query that finished without being kept', async () => {
    const res = await postQuery('{"query":"x"}', undefined, '/_query/async');
    expect(res.headers['x-elasticsearch-async-id']).toBeUndefined();
    expect(res.headers['x-elasticsearch-async-is-running']).toBe('?0');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['is_running', 'took', 'is_partial', 'documents_found', 'values_loaded', 'columns', 'values']);
  });

  it('percent-decodes ids and passes GET options', async () => {
    runtime.view = { id: 'Fm9r==', isRunning: false, result: completed(), startTimeMs: 1, expirationTimeMs: 2 };
    const res = await app.inject({ method: 'GET', url: '/_query/async/Fm9r%3D%3D?keep_alive=10m&wait_for_completion_timeout=30s' });
    expect(res.statusCode).toBe(200);
    expect(runtime.calls[0]).toEqual({ method: 'get', args: ['Fm9r==', { waitForCompletionMs: 30_000, keepAliveMs: 600_000 }] });
    expect(res.json()).toMatchObject({ id: 'Fm9r==', is_running: false, took: 7 });
    await app.inject({ method: 'GET', url: '/_query/async/abc' });
    expect(runtime.calls[1].args[1]).toEqual({ waitForCompletionMs: 0, keepAliveMs: undefined });
  });

  it('stops, deletes, and reports runtime id errors', async () => {
    runtime.view = { id: 'Fm9r', isRunning: false, result: completed({ isPartial: true }), startTimeMs: 1, expirationTimeMs: 2 };
    const stop = await app.inject({ method: 'POST', url: '/_query/async/Fm9r/stop', headers: { 'content-type': VENDOR8 } });
    expect(stop.json()).toMatchObject({ id: 'Fm9r', is_running: false, is_partial: true });
    const del = await app.inject({ method: 'DELETE', url: '/_query/async/Fm9r' });
    expect(del.json()).toEqual({ acknowledged: true });
    expect(del.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(runtime.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['stop', 'Fm9r'],
      ['delete', 'Fm9r'],
    ]);
    runtime.error = resourceNotFound('Fm9r');
    const gone = await app.inject({ method: 'GET', url: '/_query/async/Fm9r' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ type: 'resource_not_found_exception', reason: 'Fm9r' });
    runtime.error = invalidId('!!');
    const bad = await app.inject({ method: 'DELETE', url: '/_query/async/!!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.reason).toBe('invalid id: [!!]');
  });
});

describe('root and unknown routes', () => {
  it('answers GET / with ES root info and HEAD / with 200', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(res.json()).toMatchObject({
      name: 'node-1',
      cluster_name: 'test-cluster',
      version: { number: '8.19.0', build_flavor: 'default', build_snapshot: false },
      tagline: 'You Know, for Search',
    });
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers unknown routes with 400 and wrong methods with 405, never 503', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/_search' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(unknown.json().error.reason).toBe('no handler found for uri [/_search] and method [GET]');
    const badUrl = await app.inject({ method: 'GET', url: '/_query/async/%ZZ' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(badUrl.json().error.type).toBe('illegal_argument_exception');
    const wrongMethod = await app.inject({ method: 'GET', url: '/_query' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.json().error.reason).toBe('Incorrect HTTP method for uri [/_query] and method [GET], allowed: [POST]');
  });
});
