import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';

/**
 * WebSocket garbage (issue 6): a bad text frame gets an `error` frame with the ES envelope and the
 * socket stays usable; frames the protocol cannot carry (binary, oversized) close that socket with a
 * WebSocket close code. Either way the node keeps serving HTTP and new sockets, checked after every case.
 */

let node: RunningQactor;
beforeAll(async () => {
  node = await startTestServer();
});
afterAll(async () => {
  await node.close();
});

const wsUrl = () => `${node.url.replace('http', 'ws')}/_query/ws`;

function open(url = wsUrl()): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>)));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
}

async function expectServing(): Promise<void> {
  const res = await fetch(`${node.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"ROW ok = 1"}' });
  expect(res.status).toBe(200);
  const ws = await open();
  const frame = nextFrame(ws);
  ws.send(JSON.stringify({ type: 'list' }));
  expect((await frame).type).toBe('list');
  ws.close();
}

const GARBAGE: readonly [string, string, number][] = [
  ['not JSON', 'hello', 400],
  ['truncated JSON', '{"type":"submit"', 400],
  ['JSON array', '[1,2,3]', 400],
  ['JSON null', 'null', 400],
  ['unknown type', '{"type":"explode"}', 400],
  ['type of the wrong JSON type', '{"type":42}', 400],
  ['submit without query', '{"type":"submit","ref":"r"}', 400],
  ['submit with a non-string query', '{"type":"submit","ref":"r","query":{}}', 400],
  ['submit with a syntax error', '{"type":"submit","ref":"r","query":"FROM |"}', 400],
  ['subscribe to a malformed id', '{"type":"subscribe","id":"!!"}', 400],
  ['get of an unknown id', '{"type":"get","id":"FmdMX2pIang3UWhLRU5QS0lqdlppYncaMUpYQ05oSkpTc3kwZ21EdC1tbFJXQToxOTI="}', 404],
  ['stop without id', '{"type":"stop"}', 400],
  ['deeply nested JSON', `{"type":"submit","ref":"r","params":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 400],
];

describe('WebSocket garbage', { timeout: 60_000 }, () => {
  it.each(GARBAGE)('%s: an error frame with the ES envelope, socket still open', async (_name, text, status) => {
    const ws = await open();
    const frame = nextFrame(ws);
    ws.send(text);
    const error = await frame;
    expect(error.type).toBe('error');
    expect(error.status).toBe(status);
    expect((error.error as { type: string; root_cause: unknown[] }).root_cause).toHaveLength(1);
    // Same socket still answers.
    const again = nextFrame(ws);
    ws.send(JSON.stringify({ type: 'list' }));
    expect((await again).type).toBe('list');
    ws.close();
    await expectServing();
  });

  it('closes the socket on a binary frame (1003) and keeps serving', async () => {
    const ws = await open();
    const code = closed(ws);
    ws.send(Buffer.from([0xff, 0x00, 0x13]));
    expect(await code).toBe(1003);
    await expectServing();
  });

  it('closes the socket on a frame over the size limit (1009) and keeps serving', async () => {
    const ws = await open();
    const code = closed(ws);
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await code).toBe(1009);
    await expectServing();
  });

  it('closes the socket on invalid UTF-8 in a text frame (1007) and keeps serving', async () => {
    const ws = await open();
    const code = closed(ws);
    // The ws client validates what it sends only if asked; send raw bytes flagged as text.
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await code).toBe(1007);
    await expectServing();
  });

  it('answers an upgrade on an unknown path with 404 and keeps serving', async () => {
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
    });
    expect(status).toBe(404);
    await expectServing();
  });
});
