import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { basicAuth, startSecureQactor } from '../security/secure-qactor.js';

/** Garbage credentials against a node with security on: 401 with the ES envelope, node still serving. */

let node: RunningQactor;
beforeAll(async () => {
  node = await startSecureQactor();
});
afterAll(async () => {
  await node.close();
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const HEADERS: readonly [string, string][] = [
  ['empty', ''],
  ['scheme only', 'Basic'],
  ['scheme and space', 'Basic '],
  ['not base64', 'Basic %%%'],
  ['base64 padding only', 'Basic ===='],
  ['no colon', `Basic ${b64('alice')}`],
  ['empty user', `Basic ${b64(':alice-pw')}`],
  ['user with a NUL', `Basic ${b64('ali\u0000ce:alice-pw')}`],
  ['invalid UTF-8 in credentials', `Basic ${Buffer.from([0x61, 0xff, 0x3a, 0x62]).toString('base64')}`],
  ['very long password', `Basic ${b64(`alice:${'x'.repeat(8000)}`)}`],
  ['unknown scheme', 'Bearer abc.def.ghi'],
  ['ApiKey without value', 'ApiKey'],
  ['ApiKey garbage', 'ApiKey !!!'],
  ['ApiKey without colon', `ApiKey ${b64('abcdef')}`],
  ['ApiKey unknown id', `ApiKey ${b64('nope:secret')}`],
  ['lower-case scheme, wrong password', `basic ${b64('alice:nope')}`],
  ['__proto__ user', `Basic ${b64('__proto__:x')}`],
  ['constructor user', `Basic ${b64('constructor:x')}`],
];

describe('bad credentials', () => {
  it.each(HEADERS)('%s: 401 security_exception, then still serving', async (_name, authorization) => {
    const res = await fetch(`${node.url}/_query`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: '{"query":"ROW 1"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('ApiKey');
    const body = (await res.json()) as { error: { type: string }; status: number };
    expect([body.error.type, body.status]).toEqual(['security_exception', 401]);
    const ok = await fetch(`${node.url}/_query`, {
      method: 'POST',
      headers: { ...basicAuth('alice'), 'content-type': 'application/json' },
      body: '{"query":"ROW ok = 1"}',
    });
    expect(ok.status).toBe(200);
  });

  it('accepts a lower-case scheme with the right password, as ES does', async () => {
    const res = await fetch(`${node.url}/`, { headers: { authorization: `basic ${b64('alice:alice-pw')}` } });
    expect(res.status).toBe(200);
  });
});
