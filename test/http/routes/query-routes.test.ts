/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON, checked field by field with expect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../http-request.js';
import { startTestServer, type TestServer } from '../test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const BOOKS = 'FROM books | SORT page_count DESC | KEEP author, name, page_count, release_date';
const query = (body: unknown, path = '/_query', headers?: Record<string, string>) =>
  httpRequest(server.url, 'POST', path, { body, headers });

describe('POST /_query against the real runtime', () => {
  it('answers the sync shape, with no async fields or headers', async () => {
    const res = await query({ query: BOOKS });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-elasticsearch-async-is-running')).toBeNull();
    const body = res.json();
    expect(Object.keys(body)).toEqual(['took', 'is_partial', 'documents_found', 'values_loaded', 'columns', 'values']);
    expect(body.is_partial).toBe(false);
    expect(body.columns).toEqual([
      { name: 'author', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'page_count', type: 'integer' },
      { name: 'release_date', type: 'datetime' },
    ]);
    expect(body.values).toEqual([
      ['Peter F. Hamilton', "Pandora's Star", 768, '2004-03-02T00:00:00.000Z'],
      ['Vernor Vinge', 'A Fire Upon the Deep', 613, '1992-06-01T00:00:00.000Z'],
    ]);
    expect(body.documents_found).toBe(2);
  });

  it('writes doubles the Java way in JSON', async () => {
    const res = await query({ query: 'FROM books | SORT page_count DESC | KEEP rating' });
    expect(res.text).toContain('"values":[[4.0],[4.5]]');
  });

  it('renders txt exactly like the ES docs, csv and tsv', async () => {
    const txt = await query({ query: BOOKS }, '/_query?format=txt');
    expect(txt.headers.get('content-type')).toBe('text/plain');
    expect(txt.text).toBe(
      '     author      |        name        |  page_count   |      release_date      \n' +
        '-----------------+--------------------+---------------+------------------------\n' +
        "Peter F. Hamilton|Pandora's Star      |768            |2004-03-02T00:00:00.000Z\n" +
        'Vernor Vinge     |A Fire Upon the Deep|613            |1992-06-01T00:00:00.000Z\n',
    );
    const csv = await query({ query: BOOKS }, '/_query?format=csv');
    expect(csv.text).toBe(
      'author,name,page_count,release_date\r\n' +
        "Peter F. Hamilton,Pandora's Star,768,2004-03-02T00:00:00.000Z\r\n" +
        'Vernor Vinge,A Fire Upon the Deep,613,1992-06-01T00:00:00.000Z\r\n',
    );
    const csvNoHeader = await query({ query: BOOKS }, '/_query?format=csv&header=absent&delimiter=;');
    expect(csvNoHeader.text.split('\r\n')[0]).toBe("Peter F. Hamilton;Pandora's Star;768;2004-03-02T00:00:00.000Z");
    const tsv = await query({ query: BOOKS }, '/_query?format=tsv');
    expect(tsv.text.split('\n')[0]).toBe('author\tname\tpage_count\trelease_date');
  });

  it('supports columnar and drop_null_columns', async () => {
    const columnar = await query({ query: 'FROM books | SORT page_count | KEEP page_count, note', columnar: true });
    expect(columnar.json().values).toEqual([
      [613, 768],
      [null, null],
    ]);
    const dropped = await query({ query: 'FROM books | SORT page_count | KEEP page_count, note' }, '/_query?drop_null_columns=true');
    const body = dropped.json();
    expect(body.all_columns.map((c: { name: string }) => c.name)).toEqual(['page_count', 'note']);
    expect(body.columns).toEqual([{ name: 'page_count', type: 'integer' }]);
    expect(body.values).toEqual([[613], [768]]);
    const rejected = await query({ query: BOOKS, columnar: true }, '/_query?format=txt');
    expect(rejected.status).toBe(400);
  });

  it('binds positional and named params', async () => {
    const positional = await query({ query: 'ROW a = ?, b = ?', params: [5, 'x'] });
    expect(positional.json().values).toEqual([[5, 'x']]);
    const named = await query({ query: 'ROW a = ?n, b = ?s', params: [{ n: 7 }, { s: { value: 'y' } }] });
    expect(named.json().values).toEqual([[7, 'y']]);
  });

  it('reports parsing and verification errors with line:column', async () => {
    const parsing = await query({ query: 'FROM books | WHERE' });
    expect(parsing.status).toBe(400);
    expect(parsing.json().error.type).toBe('parsing_exception');
    expect(parsing.json().error.reason).toMatch(/^line 1:\d+: /);
    const verification = await query({ query: 'FROM books | KEEP nope' });
    expect(verification.status).toBe(400);
    expect(verification.json().error.type).toBe('verification_exception');
    expect(verification.json().error.reason).toMatch(/^Found 1 problem\nline 1:\d+: Unknown column \[nope\]/);
    const missing = await query({});
    expect(missing.status).toBe(400);
    expect(missing.json().error.reason).toBe('Validation Failed: 1: [query] is required;');
  });

  it('sends engine warnings as Warning headers', async () => {
    const res = await query({ query: 'ROW x = 1 | EVAL y = x / 0' });
    expect(res.status).toBe(200);
    expect(res.json().values).toEqual([[1, null]]);
    const warning = res.headers.get('warning') ?? '';
    expect(warning).toMatch(/^299 Elasticsearch-8\.19\.0-qactor "Line 1:\d+: evaluation of \[x \/ 0\] failed/);
    expect(warning).toContain('/ by zero');
  });

  it('accepts compatible-with media types 7, 8 and 9 and echoes them', async () => {
    for (const v of ['7', '8', '9']) {
      const type = `application/vnd.elasticsearch+json; compatible-with=${v}`;
      const res = await query({ query: 'ROW a = 1' }, '/_query', { 'content-type': type, accept: type });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`application/vnd.elasticsearch+json;compatible-with=${v}`);
    }
  });

  it('a client that hangs up cancels its running query and frees its slot', async () => {
    const hangUp = new AbortController();
    const pending = fetch(`${server.url}/_query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'ROW a = 1 | EVAL d = DELAY(10 minutes)' }),
      signal: hangUp.signal,
    }).catch(() => 'hung up');
    await eventually(() => server.runtime.runningCount === 1);
    hangUp.abort();
    expect(await pending).toBe('hung up');
    await eventually(() => server.runtime.liveCount === 0);
    expect(server.runtime.runningCount).toBe(0);
    // The node keeps answering.
    expect((await query({ query: 'ROW a = 1' })).json().values).toEqual([[1]]);
  });
});

/** Waits (bounded: 10 s) for `condition`, checking every 10 ms. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited >= 10_000) throw new Error('condition not reached within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
