/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   response bodies are untyped JSON, checked field by field with expect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../http-request.js';
import { startTestServer, type TestServer } from '../test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logsRows: 10 });
});
afterAll(async () => {
  await server?.close();
});

describe('root routes over the network', () => {
  it('GET / answers ES root info with the product header', async () => {
    const res = await httpRequest(server.url, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    const body = res.json();
    expect(body).toMatchObject({
      name: 'test-node',
      cluster_name: 'test-cluster',
      tagline: 'You Know, for Search',
      version: { number: '8.19.0', build_flavor: 'default' },
    });
    expect(body.cluster_uuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('HEAD / answers 200 with no body', async () => {
    const res = await httpRequest(server.url, 'HEAD', '/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
  });

  it('pretty-prints with ?pretty', async () => {
    const res = await httpRequest(server.url, 'GET', '/?pretty');
    expect(res.text).toMatch(/^\{\n {2}"name" : "test-node",\n/);
  });
});
