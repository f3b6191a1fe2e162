/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON, checked field by field with expect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/runtime/system-clock.js';
import { httpRequest } from '../http-request.js';
import { startTestServer, type TestServer } from '../test-server.js';
import { memoryClusterPorts } from '../../support/memory-ports.js';

const FAST = 'FROM books | SORT page_count DESC | KEEP name, page_count, note';
/** 50 rows, 100 ms each: runs for seconds unless stopped. */
const SLOW = 'FROM logs | LIMIT 50 | EVAL d = DELAY(100ms) | KEEP host, d';
const COLUMNS = [
  ["Pandora's Star", 'A Fire Upon the Deep'],
  [768, 613],
  [null, null],
];

const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name);
const path = (id: string, suffix = '') => `/_query/async/${encodeURIComponent(id)}${suffix}`;

/** A submit's `columnar` is kept with the query: later reads render per column too, as ES does. */
describe('columnar async queries on one node', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const call = (method: string, url: string, body?: unknown) => httpRequest(server.url, method, url, { body });

  it('GET and stop of a finished columnar query answer per column, like its submit', async () => {
    const submit = await call('POST', '/_query/async', { query: FAST, columnar: true, keep_on_completion: true });
    const body = submit.json();
    expect(body.values).toEqual(COLUMNS);
    const get = await call('GET', path(body.id));
    expect(get.json()).toEqual(body);
    const stop = await call('POST', path(body.id, '/stop'));
    expect(stop.json()).toEqual(body);
  });

  it('a row-form query stays in rows on GET', async () => {
    const body = (await call('POST', '/_query/async', { query: FAST, keep_on_completion: true })).json();
    expect((await call('GET', path(body.id))).json().values).toEqual([
      ["Pandora's Star", 768, null],
      ['A Fire Upon the Deep', 613, null],
    ]);
  });

  it('drop_null_columns is the reading request’s own choice, applied per column', async () => {
    const body = (await call('POST', '/_query/async', { query: FAST, columnar: true, keep_on_completion: true })).json();
    const get = (await call('GET', path(body.id, '?drop_null_columns=true'))).json();
    expect(names(get.columns)).toEqual(['name', 'page_count']);
    expect(names(get.all_columns)).toEqual(['name', 'page_count', 'note']);
    expect(get.values).toEqual(COLUMNS.slice(0, 2));
  });

  it('stop of a running columnar query answers its partial result per column', async () => {
    const submit = (await call('POST', '/_query/async', { query: SLOW, columnar: true, wait_for_completion_timeout: '1ms' })).json();
    expect(submit.is_running).toBe(true);
    const stop = (await call('POST', path(submit.id, '/stop'))).json();
    expect(stop).toMatchObject({ is_running: false, is_partial: true });
    // Per column: one array per column (host, d), each as long as the rows read before the stop.
    expect(stop.values).toHaveLength(2);
    expect(stop.values[0].length).toBeLessThan(50);
    expect(stop.values[1]).toHaveLength(stop.values[0].length);
    expect((await call('GET', path(submit.id))).json()).toEqual(stop);
  });
});

describe('columnar async queries in a cluster', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const ports = memoryClusterPorts(new SystemClock());
    a = await startTestServer({ ports, nodeId: 'node-a' });
    b = await startTestServer({ ports, nodeId: 'node-b' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('another node renders the stored result per column, after a stop it forwarded and on GET', async () => {
    const submit = await httpRequest(a.url, 'POST', '/_query/async', {
      body: { query: SLOW, columnar: true, wait_for_completion_timeout: '1ms' },
    });
    const { id } = submit.json();
    const stop = (await httpRequest(b.url, 'POST', path(id, '/stop'))).json();
    expect(stop).toMatchObject({ id, is_running: false, is_partial: true });
    expect(stop.values).toHaveLength(2);
    expect(stop.values[1]).toHaveLength(stop.values[0].length);
    expect((await httpRequest(b.url, 'GET', path(id))).json()).toEqual(stop);
    expect((await httpRequest(a.url, 'GET', path(id))).json()).toEqual(stop);
  });
});
