/* eslint-disable @typescript-eslint/no-unsafe-member-access -- untyped JSON bodies, asserted by the tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './http-request.js';
import { startTestServer, type TestServer } from './test-server.js';

/** ES never returns more than 10,000 rows (`esql.query.result_truncation_max_size`). */
describe('result row cap', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logsRows: 12_000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('returns at most 10,000 rows from POST /_query', async () => {
    const res = await httpRequest(server.url, 'POST', '/_query', { body: { query: 'FROM logs | LIMIT 12000 | KEEP status' } });
    expect(res.status).toBe(200);
    expect(res.json().values).toHaveLength(10_000);
  });

  it('returns at most 10,000 rows from an async query, in csv too', async () => {
    const res = await httpRequest(server.url, 'POST', '/_query/async?format=csv', {
      body: { query: 'FROM logs | LIMIT 12000 | KEEP status', wait_for_completion_timeout: '30s' },
    });
    expect(res.status).toBe(200);
    expect(res.text.trimEnd().split('\n')).toHaveLength(10_001);
  });

  it('leaves smaller results untouched', async () => {
    const res = await httpRequest(server.url, 'POST', '/_query', { body: { query: 'FROM logs | LIMIT 9999 | KEEP status' } });
    expect(res.json().values).toHaveLength(9_999);
  });
});
