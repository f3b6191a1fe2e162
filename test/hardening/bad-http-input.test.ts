import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';

/**
 * The bad-input suite (issue 6) over real HTTP on 127.0.0.1: every case gets a 4xx with the ES error
 * envelope, and after every case the node still answers a query.
 */

let node: RunningQactor;
beforeAll(async () => {
  node = await startTestServer();
});
afterAll(async () => {
  await node.close();
});

interface Case {
  readonly method?: string;
  readonly path?: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly type: string;
  readonly reason?: RegExp;
}

const SYNC = '/_query';
const ASYNC = '/_query/async';
const FOREIGN_ID = 'FmdMX2pIang3UWhLRU5QS0lqdlppYncaMUpYQ05oSkpTc3kwZ21EdC1tbFJXQToxOTI=';
const json = (v: unknown) => JSON.stringify(v);
const xcontent = (body: unknown, reason?: RegExp): Case => ({ body: typeof body === 'string' ? body : json(body), status: 400, type: 'x_content_parse_exception', ...(reason ? { reason } : {}) });

/** A value of every JSON type but the ones the field accepts. */
const WRONG: Readonly<Record<string, readonly unknown[]>> = {
  query: [1, true, null, [], {}],
  columnar: [1, [], {}, 'maybe'],
  filter: [1, 'x', true, []],
  params: [{ a: 1 }, [[1]], [{ a: {} }], [{ '1a': 1 }], [{ a: 1, b: 2 }]],
  locale: [1, [], {}],
  profile: [[], {}, 'yes'],
  include_ccs_metadata: [[], 'x'],
  wait_for_completion_timeout: [[], {}, 'soon', '5 weeks'],
  keep_alive: [[], {}, 'forever'],
  keep_on_completion: [[], {}, 'perhaps'],
};

const CASES: Record<string, Case> = {
  'empty object': { body: '{}', status: 400, type: 'action_request_validation_exception' },
  'truncated JSON': xcontent('{"query":"ROW a=1"', /Unexpected end-of-input/),
  'missing value': xcontent('{"query":}'),
  'trailing comma': xcontent('{"query":"ROW 1",}'),
  'trailing garbage': xcontent('{"query":"ROW 1"}}'),
  'bare word': xcontent('nul'),
  'top-level array': xcontent('[1,2]', /Expected START_OBJECT/),
  'top-level string': xcontent('"ROW 1"'),
  'duplicate field': xcontent('{"query":"ROW 1","query":"ROW 2"}', /Duplicate field/),
  'unknown field': xcontent({ query: 'ROW 1', qurey: 'x' }, /unknown field \[qurey\]/),
  'unknown field __proto__': xcontent('{"query":"ROW 1","__proto__":{"x":1}}', /unknown field \[__proto__\]/),
  'control character in string': xcontent('{"query":"ROW\u0001"}'),
  'bad escape': xcontent('{"query":"\\q"}'),
  'lone surrogate escape': { body: '{"query":"ROW a = \\ud800"}', status: 400, type: 'parsing_exception' },
  'invalid UTF-8 start byte': { body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]), status: 400, type: 'x_content_parse_exception', reason: /UTF-8/ },
  'truncated UTF-8 sequence': { body: Buffer.concat([Buffer.from('{"query":"ROW a = \\"'), Buffer.from([0xc3]), Buffer.from('\\""}')]), status: 400, type: 'x_content_parse_exception' },
  'overlong UTF-8 encoding': { body: Buffer.concat([Buffer.from('{"query":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), status: 400, type: 'x_content_parse_exception' },
  'deeply nested JSON': xcontent(`{"params":${'['.repeat(5000)}${']'.repeat(5000)}}`, /nesting depth/),
  'deeply nested JSON objects': xcontent(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /nesting depth/),
  'huge number': xcontent(`{"query":"ROW a = ?","params":[${'9'.repeat(5000)}]}`, /Number value length \(5000\) exceeds/),
  'query too long': { body: json({ query: `ROW a = "${'x'.repeat(1_000_001)}"` }), status: 400, type: 'parsing_exception', reason: /ESQL statement is too large/ },
  'too many params': { body: json({ query: 'ROW a = ?1', params: Array.from({ length: 10_001 }, (_, i) => i) }), status: 400, type: 'illegal_argument_exception', reason: /too many entries/ },
  'deeply nested ES|QL': { body: json({ query: `ROW a = ${'('.repeat(100_000)}1${')'.repeat(100_000)}` }), status: 400, type: 'parsing_exception' },
  'body over the size limit': { body: Buffer.alloc(11 * 1024 * 1024, 0x20), status: 413, type: 'request_entity_too_large_exception' },
  'ES|QL syntax error': { body: json({ query: 'FROM |' }), status: 400, type: 'parsing_exception' },
  'unknown column': { body: json({ query: 'FROM numbers | KEEP nope' }), status: 400, type: 'verification_exception' },
  'unknown URL parameter': { path: `${SYNC}?nope=1`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception' },
  'bad format': { path: `${SYNC}?format=xml`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception' },
  'long csv delimiter': { path: `${SYNC}?format=csv&delimiter=;;`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception' },
  'columnar with csv': { path: `${SYNC}?format=csv`, body: json({ query: 'ROW 1', columnar: true }), status: 400, type: 'illegal_argument_exception' },
  'bad boolean parameter': { path: `${SYNC}?pretty=maybe`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception' },
  'keep_alive zero': { path: ASYNC, body: json({ query: 'ROW 1', keep_alive: '0' }), status: 400, type: 'illegal_argument_exception' },
  'keep_alive below the minimum': { path: ASYNC, body: json({ query: 'ROW 1', keep_alive: '10ms' }), status: 400, type: 'illegal_argument_exception', reason: /must be at least \[1s\]/ },
  'keep_alive above the maximum': { path: ASYNC, body: json({ query: 'ROW 1', keep_alive: '365d' }), status: 400, type: 'illegal_argument_exception', reason: /must be at most \[30d\]/ },
  'wait above the cap': { path: `${ASYNC}?wait_for_completion_timeout=1h`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception', reason: /must be at most \[10m\]/ },
  'negative duration': { path: `${ASYNC}?wait_for_completion_timeout=-5s`, body: json({ query: 'ROW 1' }), status: 400, type: 'illegal_argument_exception' },
  'malformed id': { method: 'GET', path: `${ASYNC}/not-an-id`, status: 400, type: 'illegal_argument_exception' },
  'base64 garbage id': { method: 'GET', path: `${ASYNC}/${'A'.repeat(64)}`, status: 400, type: 'illegal_argument_exception' },
  'huge id': { method: 'GET', path: `${ASYNC}/${'QQ'.repeat(3000)}`, status: 414, type: 'illegal_argument_exception' },
  'foreign id GET': { method: 'GET', path: `${ASYNC}/${encodeURIComponent(FOREIGN_ID)}`, status: 404, type: 'resource_not_found_exception' },
  'foreign id stop': { method: 'POST', path: `${ASYNC}/${encodeURIComponent(FOREIGN_ID)}/stop`, status: 404, type: 'resource_not_found_exception' },
  'foreign id DELETE': { method: 'DELETE', path: `${ASYNC}/${encodeURIComponent(FOREIGN_ID)}`, status: 404, type: 'resource_not_found_exception' },
  'bad percent-encoding in path': { method: 'GET', path: `${ASYNC}/%ZZ`, status: 400, type: 'illegal_argument_exception' },
  'wrong method': { method: 'PUT', path: SYNC, body: '{}', status: 405, type: 'illegal_argument_exception' },
  'unknown path': { method: 'GET', path: '/_cat/nodes', status: 400, type: 'illegal_argument_exception' },
  'security API with security off': { method: 'POST', path: '/_security/api_key', body: json({ name: 'k' }), status: 400, type: 'illegal_argument_exception' },
};
for (const [field, values] of Object.entries(WRONG)) {
  for (const value of values) {
    const async = ['wait_for_completion_timeout', 'keep_alive', 'keep_on_completion'].includes(field);
    CASES[`wrong type ${field}=${json(value)}`] = {
      ...xcontent({ query: 'ROW 1', [field]: value }),
      path: async ? ASYNC : SYNC,
    };
  }
}

async function request(c: Case): Promise<{ status: number; text: string }> {
  const method = c.method ?? 'POST';
  const res = await fetch(node.url + (c.path ?? SYNC), {
    method,
    headers: { 'content-type': 'application/json', ...c.headers },
    ...(c.body === undefined ? {} : { body: c.body }),
  });
  return { status: res.status, text: await res.text() };
}

async function expectServing(): Promise<void> {
  const res = await fetch(`${node.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"ROW ok = 1"}' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { values: unknown }).values).toEqual([[1]]);
}

function expectEnvelope(text: string, status: number, type: string, reason?: RegExp): void {
  const body = JSON.parse(text) as { error: { type: string; reason: string; root_cause: { type: string }[] }; status: number };
  expect(body.status).toBe(status);
  expect(body.error.type).toBe(type);
  expect(body.error.root_cause[0].type).toBe(type);
  expect(typeof body.error.reason).toBe('string');
  if (reason) expect(body.error.reason).toMatch(reason);
}

describe('bad HTTP input', { timeout: 60_000 }, () => {
  it.each(Object.entries(CASES))('%s: 4xx with the ES envelope, then still serving', async (_name, c) => {
    const res = await request(c);
    expect(res.status, res.text.slice(0, 300)).toBe(c.status);
    expectEnvelope(res.text, c.status, c.type, c.reason);
    await expectServing();
  });

  it.each([
    ['garbage request line', 'GARBAGE\r\n\r\n', 400],
    ['bad HTTP version', 'GET / HTTP/9.9\r\n\r\n', 400],
    ['invalid header', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', 400],
    ['conflicting content lengths', 'POST /_query HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello', 400],
    ['oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s: ES envelope over a raw socket, then still serving', async (_name, raw, status) => {
    const text = await rawExchange(raw);
    const [head, body] = splitResponse(text);
    expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expectEnvelope(body, status, 'illegal_argument_exception');
    await expectServing();
  });
});

function rawExchange(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(node.url).port), '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', (err) => (text === '' ? reject(err) : resolve(text)));
    socket.write(raw);
  });
}

function splitResponse(text: string): [string, string] {
  const at = text.indexOf('\r\n\r\n');
  return [text.slice(0, at), text.slice(at + 4)];
}
