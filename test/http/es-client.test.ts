import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.js';

/** The official JS client, configured with nothing but the node URL, against the real stack. */
let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer();
  client = new Client({ node: server.url });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

/** The 8.19 client types async answers as plain results; ES sends `id` and `is_running` too. */
type AsyncResult = Awaited<ReturnType<Client['esql']['asyncQuery']>> & { id?: string; is_running: boolean };

const SLOW = 'FROM logs | LIMIT 50 | EVAL d = DELAY(100ms) | KEEP host, d';

describe('@elastic/elasticsearch 8.19 against qactor', () => {
  it('passes the product check: info() and ping()', async () => {
    const info = await client.info();
    expect(info.version.number).toBe('8.19.0');
    expect(info.tagline).toBe('You Know, for Search');
    expect(await client.ping()).toBe(true);
  });

  it('runs esql.query', async () => {
    const res = await client.esql.query({ query: 'FROM books | SORT page_count | KEEP name, page_count' });
    expect(res.columns).toEqual([
      { name: 'name', type: 'text' },
      { name: 'page_count', type: 'integer' },
    ]);
    expect(res.values).toEqual([
      ['A Fire Upon the Deep', 613],
      ["Pandora's Star", 768],
    ]);
  });

  it('runs esql.query with params and a text format', async () => {
    const res = await client.esql.query({ query: 'ROW a = ?', params: [42], format: 'csv' });
    expect(res).toBe('a\r\n42\r\n');
  });

  it('runs the async lifecycle: asyncQuery, asyncQueryGet, asyncQueryStop, asyncQueryDelete', async () => {
    const submitted = (await client.esql.asyncQuery({
      query: SLOW,
      wait_for_completion_timeout: '1ms',
      keep_alive: '1m',
    })) as AsyncResult;
    expect(submitted.is_running).toBe(true);
    const id = submitted.id as string;
    expect(id).toBeTruthy();

    const running = (await client.esql.asyncQueryGet({ id })) as AsyncResult;
    expect(running.is_running).toBe(true);

    const stopped = (await client.esql.asyncQueryStop({ id })) as AsyncResult;
    expect(stopped.is_running).toBe(false);
    expect(stopped.is_partial).toBe(true);
    expect(stopped.columns.map((c) => c.name)).toEqual(['host', 'd']);

    const fetched = await client.esql.asyncQueryGet({ id });
    expect(fetched).toEqual(stopped);

    const deleted = await client.esql.asyncQueryDelete({ id });
    expect(deleted.acknowledged).toBe(true);

    const gone = await client.esql.asyncQueryGet({ id }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(gone).toBeInstanceOf(errors.ResponseError);
    expect((gone as errors.ResponseError).statusCode).toBe(404);
    expect((gone as errors.ResponseError).body).toMatchObject({ error: { type: 'resource_not_found_exception', reason: id } });
  });

  it('works with the ES|QL helper toRecords()', async () => {
    const { records, columns } = await client.helpers
      .esql({ query: 'FROM books | SORT page_count | KEEP name, page_count' })
      .toRecords<{ name: string; page_count: number }>();
    expect(columns.map((c) => c.name)).toEqual(['name', 'page_count']);
    expect(records).toEqual([
      { name: 'A Fire Upon the Deep', page_count: 613 },
      { name: "Pandora's Star", page_count: 768 },
    ]);
  });

  it('returns a fast async result without an id', async () => {
    const res = (await client.esql.asyncQuery({ query: 'ROW a = 1' })) as AsyncResult;
    expect(res.is_running).toBe(false);
    expect(res.id).toBeUndefined();
    expect(res.values).toEqual([[1]]);
  });

  it('surfaces ES errors as ResponseError with type and status', async () => {
    const err = await client.esql.query({ query: 'FROM books | KEEP nope' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(errors.ResponseError);
    expect((err as errors.ResponseError).statusCode).toBe(400);
    expect((err as errors.ResponseError).message).toContain('verification_exception');
  });
});
