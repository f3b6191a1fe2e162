import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '../../src/security/password-hash.js';
import { EMPTY_USERS, withUser, writeUsersFile } from '../../src/security/users-file.js';
import { writeNumbersCsv } from '../support/qactor-server.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { startQactorProcess, type QactorProcess } from './qactor-process.js';

/**
 * API keys belong to the cluster, not to a node: with `--users` and `--redis` on two processes, a key
 * created on A works on B, an invalidation on B is refused by A from its next request on, and a
 * restarted node still knows every key (they live in Redis, hashed).
 */
let redis: TestRedis;
let args: string[];
let a: QactorProcess;
let b: QactorProcess;

beforeAll(async () => {
  redis = await startTestRedis();
  const usersFile = join(mkdtempSync(join(tmpdir(), 'qactor-apikeys-cluster-')), 'users.json');
  writeUsersFile(usersFile, withUser(EMPTY_USERS, 'alice', { password_hash: await hashPassword('alice-pw', { N: 1024, r: 8, p: 1 }), roles: ['user'] }));
  args = ['--redis', redis.url, '--users', usersFile, '--load', `numbers=${writeNumbersCsv(10)}`];
  [a, b] = await Promise.all([startQactorProcess('a', args), startQactorProcess('b', args)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
  await redis?.stop();
});

const ALICE = `Basic ${Buffer.from('alice:alice-pw').toString('base64')}`;

async function call(node: QactorProcess, authorization: string, method: string, path: string, body?: unknown) {
  const res = await fetch(node.url + path, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function createKey(node: QactorProcess, name: string): Promise<{ id: string; authorization: string }> {
  const created = await call(node, ALICE, 'POST', '/_security/api_key', { name });
  expect(created.status).toBe(200);
  return { id: created.body.id as string, authorization: `ApiKey ${created.body.encoded as string}` };
}

/** The status of a WebSocket upgrade to `node` (101 when it opened). */
function upgradeStatus(node: QactorProcess, authorization: string): Promise<number> {
  const ws = new WebSocket(`${node.url.replace('http', 'ws')}/_query/ws`, { headers: { authorization } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

describe('API keys across cluster nodes', () => {
  it('a key created on A works on B; invalidated on B, A refuses it; a restarted A still knows the other keys', async () => {
    const revoked = await createKey(a, 'revoked');
    const kept = await createKey(a, 'kept');

    const onB = await call(b, revoked.authorization, 'GET', '/_security/_authenticate');
    expect(onB.status).toBe(200);
    expect(onB.body).toMatchObject({ username: 'alice', authentication_type: 'api_key', api_key: { id: revoked.id, name: 'revoked' } });
    expect((await call(b, revoked.authorization, 'POST', '/_query', { query: 'FROM numbers | STATS c = COUNT(*)' })).body).toMatchObject({
      values: [[10]],
    });
    expect(await upgradeStatus(b, revoked.authorization)).toBe(101);
    expect((await call(a, revoked.authorization, 'GET', '/_security/_authenticate')).status).toBe(200);

    const invalidated = await call(b, ALICE, 'DELETE', '/_security/api_key', { ids: [revoked.id] });
    expect(invalidated.body).toMatchObject({ invalidated_api_keys: [revoked.id], previously_invalidated_api_keys: [] });
    const refused = await call(a, revoked.authorization, 'GET', '/_security/_authenticate');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { type: 'security_exception' } });
    expect(await upgradeStatus(a, revoked.authorization)).toBe(401);
    expect((await call(a, ALICE, 'DELETE', '/_security/api_key', { name: 'revoked' })).body).toMatchObject({
      invalidated_api_keys: [],
      previously_invalidated_api_keys: [revoked.id],
    });

    await a.kill('SIGTERM');
    a = await startQactorProcess('a', args);
    const afterRestart = await call(a, kept.authorization, 'GET', '/_security/_authenticate');
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body).toMatchObject({ api_key: { id: kept.id, name: 'kept' } });
    expect((await call(a, revoked.authorization, 'GET', '/_security/_authenticate')).status).toBe(401);
  });
});
