/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON, checked field by field with expect. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAsyncId, randomBase64Uuid } from '../../../src/runtime/async-id.js';
import { httpRequest } from '../http-request.js';
import { startTestServer, type TestServer } from '../test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const FAST = 'FROM books | SORT page_count DESC | KEEP name, page_count';
/** 50 rows, 100 ms each: runs for seconds unless stopped or deleted. */
const SLOW = 'FROM logs | LIMIT 50 | EVAL d = DELAY(100ms) | KEEP host, d';

const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  httpRequest(server.url, method, path, { body, headers });

async function submitRunning(extra: Record<string, unknown> = {}, path = '/_query/async') {
  const res = await call('POST', path, { query: SLOW, wait_for_completion_timeout: '1ms', ...extra });
  expect(res.status).toBe(200);
  const id = res.headers.get('x-elasticsearch-async-id');
  expect(id).toBeTruthy();
  return { res, id: id as string };
}

describe('async ES|QL against the real runtime', () => {
  it('omits the id when a query finishes within the wait without keep_on_completion', async () => {
    const res = await call('POST', '/_query/async', { query: FAST });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-elasticsearch-async-id')).toBeNull();
    expect(res.headers.get('x-elasticsearch-async-is-running')).toBe('?0');
    const body = res.json();
    expect(body.id).toBeUndefined();
    expect(body.is_running).toBe(false);
    expect(body.values).toEqual([
      ["Pandora's Star", 768],
      ['A Fire Upon the Deep', 613],
    ]);
  });

  it('keeps a finished query with keep_on_completion (string booleans too) and GET returns the same result', async () => {
    const res = await call('POST', '/_query/async', { query: FAST, keep_on_completion: 'true' });
    const body = res.json();
    expect(body.id).toBeTruthy();
    expect(res.headers.get('x-elasticsearch-async-id')).toBe(body.id);
    const get = await call('GET', `/_query/async/${encodeURIComponent(body.id)}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('x-elasticsearch-async-is-running')).toBe('?0');
    const got = get.json();
    expect(got.columns).toEqual(body.columns);
    expect(got.values).toEqual(body.values);
    expect(got.id).toBe(body.id);
    // Stop on a finished query answers exactly what GET does.
    const stop = await call('POST', `/_query/async/${encodeURIComponent(body.id)}/stop`);
    expect(stop.json()).toEqual(got);
  });

  it('answers the running shape, then GET waits with wait_for_completion_timeout', async () => {
    const res = await call('POST', '/_query/async', {
      query: 'FROM books | EVAL d = DELAY(100ms) | KEEP name',
      wait_for_completion_timeout: '1ms',
    });
    const body = res.json();
    expect(res.headers.get('x-elasticsearch-async-is-running')).toBe('?1');
    expect(res.headers.get('x-elasticsearch-async-id')).toBe(body.id);
    expect(body).toMatchObject({ is_running: true, documents_found: 0, values_loaded: 0, columns: [], values: [] });
    expect(typeof body.start_time_in_millis).toBe('number');
    expect(body.expiration_time_in_millis - body.start_time_in_millis).toBe(5 * 86_400_000);
    // Default GET does not wait; a long wait returns the finished result.
    const done = await call('GET', `/_query/async/${encodeURIComponent(body.id)}?wait_for_completion_timeout=30s`);
    expect(done.json()).toMatchObject({ id: body.id, is_running: false, is_partial: false });
    expect(done.json().values).toHaveLength(2);
  });

  it('stops a running query with a partial result and keeps the schema', async () => {
    const { id } = await submitRunning();
    const stop = await call('POST', `/_query/async/${encodeURIComponent(id)}/stop`);
    expect(stop.status).toBe(200);
    expect(stop.headers.get('x-elasticsearch-async-is-running')).toBe('?0');
    const body = stop.json();
    expect(body).toMatchObject({ id, is_running: false, is_partial: true });
    expect(body.columns).toEqual([
      { name: 'host', type: 'keyword' },
      { name: 'd', type: 'boolean' },
    ]);
    expect(body.values.length).toBeLessThan(50);
    const again = await call('GET', `/_query/async/${encodeURIComponent(id)}`);
    expect(again.json()).toEqual(body);
  });

  it('deletes a running query; the id then answers 404 with the id as reason', async () => {
    const { id } = await submitRunning();
    const del = await call('DELETE', `/_query/async/${encodeURIComponent(id)}`);
    expect(del.status).toBe(200);
    expect(del.json()).toEqual({ acknowledged: true });
    for (const [method, path] of [
      ['GET', `/_query/async/${encodeURIComponent(id)}`],
      ['DELETE', `/_query/async/${encodeURIComponent(id)}`],
      ['POST', `/_query/async/${encodeURIComponent(id)}/stop`],
    ]) {
      const gone = await call(method, path);
      expect(gone.status).toBe(404);
      expect(gone.json()).toEqual({
        error: {
          root_cause: [{ type: 'resource_not_found_exception', reason: id }],
          type: 'resource_not_found_exception',
          reason: id,
        },
        status: 404,
      });
    }
  });

  it('answers 404 for a well-formed id that was never issued', async () => {
    const id = encodeAsyncId({ docId: randomBase64Uuid(), nodeId: server.runtime.nodeId, taskNumber: 999_999 });
    for (const [method, path] of [
      ['GET', `/_query/async/${encodeURIComponent(id)}`],
      ['POST', `/_query/async/${encodeURIComponent(id)}/stop`],
      ['DELETE', `/_query/async/${encodeURIComponent(id)}`],
    ]) {
      const res = await call(method, path);
      expect(res.status).toBe(404);
      expect(res.json().error).toMatchObject({ type: 'resource_not_found_exception', reason: id });
    }
  });

  it('replays warnings of a stored result on GET', async () => {
    const res = await call('POST', '/_query/async', { query: 'ROW x = 1 | EVAL y = x / 0', keep_on_completion: true });
    const warning = res.headers.get('warning');
    expect(warning).toContain('/ by zero');
    const get = await call('GET', `/_query/async/${encodeURIComponent(res.json().id)}`);
    expect(get.headers.get('warning')).toBe(warning);
  });

  it('rejects malformed ids with 400 invalid id', async () => {
    const res = await call('GET', '/_query/async/not-an-id!');
    expect(res.status).toBe(400);
    expect(res.json().error).toMatchObject({ type: 'illegal_argument_exception', reason: 'invalid id: [not-an-id!]' });
  });

  it('gives empty text bodies while running, the id only in headers', async () => {
    for (const [format, empty] of [
      ['txt', ''],
      ['csv', '\r\n'],
      ['tsv', '\n'],
    ] as const) {
      const { res, id } = await submitRunning({}, `/_query/async?format=${format}`);
      expect(res.text).toBe(empty);
      expect(res.headers.get('x-elasticsearch-async-is-running')).toBe('?1');
      const stopped = await call('POST', `/_query/async/${encodeURIComponent(id)}/stop?format=${format}`);
      expect(stopped.status).toBe(200);
      if (format === 'txt') expect(stopped.text.split('\n')[0]).toMatch(/^\s+host\s+\|\s+d\s+$/);
      await call('DELETE', `/_query/async/${encodeURIComponent(id)}`);
    }
  });

  it('accepts async knobs as URL params too', async () => {
    const res = await call('POST', '/_query/async?wait_for_completion_timeout=1ms&keep_alive=1m', { query: SLOW });
    const body = res.json();
    expect(body.is_running).toBe(true);
    expect(body.expiration_time_in_millis - body.start_time_in_millis).toBe(60_000);
    await call('DELETE', `/_query/async/${encodeURIComponent(body.id)}`);
  });

  it('extends keep_alive on GET and never shortens it', async () => {
    const { res, id } = await submitRunning({ keep_alive: '1m' });
    const start = res.json().start_time_in_millis as number;
    const extended = await call('GET', `/_query/async/${encodeURIComponent(id)}?keep_alive=10m`);
    expect(extended.json().expiration_time_in_millis).toBeGreaterThanOrEqual(start + 600_000);
    const notShortened = await call('GET', `/_query/async/${encodeURIComponent(id)}?keep_alive=1s`);
    expect(notShortened.json().expiration_time_in_millis).toBe(extended.json().expiration_time_in_millis);
    await call('DELETE', `/_query/async/${encodeURIComponent(id)}`);
  });

  it('expires a stored result after keep_alive, unless a GET extended it', async () => {
    const extended = (await call('POST', '/_query/async', { query: FAST, keep_on_completion: true, keep_alive: '1s' })).json();
    const ext = await call('GET', `/_query/async/${encodeURIComponent(extended.id)}?keep_alive=1m`);
    expect(ext.status).toBe(200);
    const expiring = (await call('POST', '/_query/async', { query: FAST, keep_on_completion: true, keep_alive: '1s' })).json();
    expect((await call('GET', `/_query/async/${encodeURIComponent(expiring.id)}`)).status).toBe(200);
    await sleep(1500);
    expect((await call('GET', `/_query/async/${encodeURIComponent(expiring.id)}`)).status).toBe(404);
    expect((await call('GET', `/_query/async/${encodeURIComponent(extended.id)}`)).status).toBe(200);
  });
});
