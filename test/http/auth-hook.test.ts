/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- untyped JSON bodies, asserted by the tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { apiKeyAuth, basicAuth, startSecureQactor } from '../security/secure-qactor.js';
import { httpRequest } from './http-request.js';

/** 100 rows, 100 ms each: runs for ~10 s unless stopped or deleted. */
const SLOW = 'FROM numbers | EVAL d = DELAY(100ms) | KEEP n';
const FAST = 'FROM numbers | STATS c = COUNT(*)';

let node: RunningQactor;
beforeAll(async () => {
  node = await startSecureQactor();
});
afterAll(async () => {
  await node.close();
});

const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  httpRequest(node.url, method, path, { headers, ...(body === undefined ? {} : { body }) });

async function submitSlow(headers: Record<string, string>): Promise<string> {
  const res = await call('POST', '/_query/async', headers, { query: SLOW, wait_for_completion_timeout: '0s' });
  expect(res.status).toBe(200);
  return res.json().id as string;
}

const path = (id: string) => `/_query/async/${encodeURIComponent(id)}`;

describe('authentication', () => {
  it.each([
    ['GET', '/'],
    ['HEAD', '/'],
    ['POST', '/_query'],
    ['POST', '/_query/async'],
    ['GET', '/_query/async/FmdMX2pIang3UWhLRU5QS0lqdlppYncaMUpYQ05oSkpTc3kwZ21EdC1tbFJXQToxOTI='],
    ['DELETE', '/_security/api_key'],
    ['GET', '/nowhere'],
  ])('answers %s %s without credentials with 401 and both challenges', async (method, p) => {
    const res = await call(method, p, {}, method === 'POST' ? { query: FAST } : undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="security", charset="UTF-8", ApiKey');
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    if (method === 'HEAD') return;
    expect(res.json()).toEqual({
      error: {
        root_cause: [{ type: 'security_exception', reason: `missing authentication credentials for REST request [${p}]` }],
        type: 'security_exception',
        reason: `missing authentication credentials for REST request [${p}]`,
      },
      status: 401,
    });
  });

  it('answers a wrong password or unknown user with 401 naming the user', async () => {
    const wrong = await call('POST', '/_query', basicAuth('alice', 'guess'), { query: FAST });
    expect(wrong.status).toBe(401);
    expect(wrong.json().error.reason).toBe('unable to authenticate user [alice] for REST request [/_query]');
    const unknown = await call('GET', '/', { authorization: `Basic ${Buffer.from('eve:x').toString('base64')}` });
    expect(unknown.status).toBe(401);
  });

  it('serves an authenticated request', async () => {
    const res = await call('POST', '/_query', basicAuth('alice'), { query: FAST });
    expect(res.status).toBe(200);
    expect(res.json().values).toEqual([[100]]);
    const who = await call('GET', '/_security/_authenticate', basicAuth('ops'));
    expect(who.json()).toMatchObject({ username: 'ops', roles: ['task_canceller'], authentication_type: 'realm' });
  });
});

describe('ownership', () => {
  it('answers GET, stop and DELETE of a foreign query exactly as an unknown id', async () => {
    const id = await submitSlow(basicAuth('alice'));
    const other = await submitSlow(basicAuth('alice'));
    await call('DELETE', path(other), basicAuth('alice'));
    for (const [method, p] of [
      ['GET', path(id)],
      ['POST', `${path(id)}/stop`],
      ['DELETE', path(id)],
    ] as const) {
      const foreign = await call(method, p, basicAuth('bob'));
      const unknown = await call(method, p.replace(encodeURIComponent(id), encodeURIComponent(other)), basicAuth('bob'));
      expect(foreign.status).toBe(404);
      expect(foreign.text).toBe(unknown.text.replaceAll(other, id));
      expect(foreign.json().error.type).toBe('resource_not_found_exception');
    }
    // Still alive for its owner.
    expect((await call('GET', path(id), basicAuth('alice'))).json().is_running).toBe(true);
    await call('DELETE', path(id), basicAuth('alice'));
  });

  it('lets a cancel_task holder DELETE anyone\'s query, but not read it', async () => {
    const id = await submitSlow(basicAuth('alice'));
    expect((await call('GET', path(id), basicAuth('ops'))).status).toBe(404);
    const deleted = await call('DELETE', path(id), basicAuth('ops'));
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toEqual({ acknowledged: true });
    expect((await call('GET', path(id), basicAuth('alice'))).status).toBe(404);
  });

  it('lets a superuser DELETE anyone\'s query', async () => {
    const id = await submitSlow(basicAuth('bob'));
    expect((await call('DELETE', path(id), basicAuth('root'))).status).toBe(200);
    expect((await call('GET', path(id), basicAuth('bob'))).status).toBe(404);
  });
});

describe('API keys', () => {
  it('creates a key that authenticates, owns its own queries, and stops working once invalidated', async () => {
    const created = await call('POST', '/_security/api_key', basicAuth('alice'), { name: 'ci', expiration: '1d' });
    expect(created.status).toBe(200);
    const key = created.json();
    expect(Object.keys(key).sort()).toEqual(['api_key', 'encoded', 'expiration', 'id', 'name']);
    expect(Buffer.from(key.encoded, 'base64').toString()).toBe(`${key.id}:${key.api_key}`);

    const who = await call('GET', '/_security/_authenticate', apiKeyAuth(key.encoded));
    expect(who.json()).toMatchObject({ username: 'alice', authentication_type: 'api_key', api_key: { id: key.id, name: 'ci' } });

    // As in ES, what an API key submits belongs to the key, not to the user's password session.
    const id = await submitSlow(apiKeyAuth(key.encoded));
    expect((await call('GET', path(id), basicAuth('alice'))).status).toBe(404);
    expect((await call('GET', path(id), apiKeyAuth(key.encoded))).status).toBe(200);
    expect((await call('DELETE', path(id), apiKeyAuth(key.encoded))).status).toBe(200);

    // Bob cannot invalidate alice's key; alice can, once.
    const byBob = await call('DELETE', '/_security/api_key', basicAuth('bob'), { ids: [key.id] });
    expect(byBob.json()).toEqual({ invalidated_api_keys: [], previously_invalidated_api_keys: [], error_count: 0 });
    const byAlice = await call('DELETE', '/_security/api_key', basicAuth('alice'), { ids: [key.id] });
    expect(byAlice.json()).toEqual({ invalidated_api_keys: [key.id], previously_invalidated_api_keys: [], error_count: 0 });
    const again = await call('DELETE', '/_security/api_key', basicAuth('alice'), { ids: [key.id] });
    expect(again.json().previously_invalidated_api_keys).toEqual([key.id]);

    const rejected = await call('POST', '/_query', apiKeyAuth(key.encoded), { query: FAST });
    expect(rejected.status).toBe(401);
    expect(rejected.json().error.type).toBe('security_exception');
  });

  it('lets a manage_api_key holder invalidate anyone\'s keys by name', async () => {
    const key = (await call('POST', '/_security/api_key', basicAuth('bob'), { name: 'bobs' })).json();
    const res = await call('DELETE', '/_security/api_key', basicAuth('root'), { name: 'bobs' });
    expect(res.json().invalidated_api_keys).toEqual([key.id]);
  });

  it('refuses to mint a key from a key, and validates the request', async () => {
    const key = (await call('POST', '/_security/api_key', basicAuth('alice'), { name: 'parent' })).json();
    const derived = await call('POST', '/_security/api_key', apiKeyAuth(key.encoded), { name: 'child' });
    expect(derived.status).toBe(403);
    expect(derived.json().error.reason).toBe('action [cluster:admin/xpack/security/api_key/create] is unauthorized for user [alice]');

    const noName = await call('POST', '/_security/api_key', basicAuth('alice'), {});
    expect([noName.status, noName.json().error.type]).toEqual([400, 'action_request_validation_exception']);
    const unknownField = await call('POST', '/_security/api_key', basicAuth('alice'), { name: 'x', nmae: 'y' });
    expect([unknownField.status, unknownField.json().error.type]).toEqual([400, 'x_content_parse_exception']);
    const indexPrivileges = await call('POST', '/_security/api_key', basicAuth('alice'), {
      name: 'x',
      role_descriptors: { r: { indices: [{ names: ['*'], privileges: ['read'] }] } },
    });
    expect(indexPrivileges.status).toBe(400);
    expect(indexPrivileges.json().error.reason).toMatch(/only \[cluster\] privileges are supported/);
    const nothing = await call('DELETE', '/_security/api_key', basicAuth('alice'), {});
    expect(nothing.json().error.type).toBe('action_request_validation_exception');
  });

  it('narrows a key with role_descriptors: a superuser key without cancel_task cannot delete others\' queries', async () => {
    const key = (
      await call('POST', '/_security/api_key', basicAuth('root'), { name: 'narrow', role_descriptors: { r: { cluster: [] } } })
    ).json();
    const id = await submitSlow(basicAuth('alice'));
    expect((await call('DELETE', path(id), apiKeyAuth(key.encoded))).status).toBe(404);
    expect((await call('DELETE', path(id), basicAuth('alice'))).status).toBe(200);
  });
});
