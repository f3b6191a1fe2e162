import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningQactor } from '../../src/main.js';
import { apiKeyAuth, basicAuth, startSecureQactor } from './secure-qactor.js';

/** The WebSocket gateway authenticates its upgrade request like HTTP, and owns queries the same way. */

let node: RunningQactor;
beforeAll(async () => {
  node = await startSecureQactor();
});
afterAll(async () => {
  await node.close();
});

const wsUrl = () => `${node.url.replace('http', 'ws')}/_query/ws`;

function upgrade(headers: Record<string, string>): Promise<{ ws?: WebSocket; status?: number; challenge?: string; body?: string }> {
  const ws = new WebSocket(wsUrl(), { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, challenge: String(res.headers['www-authenticate']), body }));
    });
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, message: unknown, pred: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (!pred(frame)) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}

describe('WebSocket authentication', () => {
  it('refuses an upgrade without credentials with 401, the challenges and the ES envelope', async () => {
    const res = await upgrade({});
    expect(res.status).toBe(401);
    expect(res.challenge).toBe('Basic realm="security", charset="UTF-8", ApiKey');
    expect(JSON.parse(res.body ?? '')).toMatchObject({ error: { type: 'security_exception' }, status: 401 });
  });

  it('refuses wrong credentials', async () => {
    expect((await upgrade(basicAuth('alice', 'nope'))).status).toBe(401);
  });

  it('records the connection\'s principal as owner: another user sees 404, the owner sees the query', async () => {
    const alice = (await upgrade(basicAuth('alice'))).ws as WebSocket;
    const bob = (await upgrade(basicAuth('bob'))).ws as WebSocket;
    const submitted = await request(alice, { type: 'submit', ref: 'r1', query: 'FROM numbers | EVAL d = DELAY(100ms)' }, (f) => f.type === 'submitted');
    const id = submitted.id as string;
    const foreign = await request(bob, { type: 'get', id }, (f) => f.type === 'error');
    expect(foreign).toMatchObject({ status: 404, error: { type: 'resource_not_found_exception', reason: id } });
    // Over HTTP too: the owner is the same principal.
    const viaHttp = await fetch(`${node.url}/_query/async/${encodeURIComponent(id)}`, { headers: basicAuth('alice') });
    expect(viaHttp.status).toBe(200);
    const deleted = await request(alice, { type: 'delete', id }, (f) => f.type === 'deleted' || f.type === 'error');
    expect(deleted.type).toBe('deleted');
    alice.close();
    bob.close();
  });

  it('accepts an API key on the upgrade request', async () => {
    const created = await fetch(`${node.url}/_security/api_key`, {
      method: 'POST',
      headers: { ...basicAuth('bob'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ws' }),
    });
    const key = (await created.json()) as { encoded: string };
    const { ws } = await upgrade(apiKeyAuth(key.encoded));
    expect(ws).toBeDefined();
    ws?.close();
  });
});
