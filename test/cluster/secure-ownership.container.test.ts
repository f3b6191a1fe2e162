import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAsyncId, randomBase64Uuid } from '../../src/runtime/async-id.js';
import { hashPassword } from '../../src/security/password-hash.js';
import { EMPTY_USERS, withUser, writeUsersFile } from '../../src/security/users-file.js';
import { writeNumbersCsv } from '../support/qactor-server.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { startQactorProcess, type QactorProcess } from './qactor-process.js';

/**
 * Ownership holds across the nodes of a cluster: with `--users` on two processes sharing one Redis, a
 * query submitted by alice on A is invisible to bob on B (the same 404 as an unknown id), readable and
 * stoppable by alice on B, and deletable on B by a holder of `cancel_task`.
 */
const USERS = { alice: ['user'], bob: ['user'], ops: ['task_canceller'] } as const;
const SLOW = 'FROM numbers | EVAL d = DELAY(50ms) | STATS c = COUNT(*)';

let redis: TestRedis;
let a: QactorProcess;
let b: QactorProcess;

beforeAll(async () => {
  redis = await startTestRedis();
  let doc = EMPTY_USERS;
  for (const [name, roles] of Object.entries(USERS)) {
    doc = withUser(doc, name, { password_hash: await hashPassword(`${name}-pw`, { N: 1024, r: 8, p: 1 }), roles: [...roles] });
  }
  const usersFile = join(mkdtempSync(join(tmpdir(), 'qactor-sec-cluster-')), 'users.json');
  writeUsersFile(usersFile, doc);
  const csv = writeNumbersCsv(100);
  const args = ['--redis', redis.url, '--users', usersFile, '--load', `numbers=${csv}`, '--test-functions'];
  [a, b] = await Promise.all([startQactorProcess('a', args), startQactorProcess('b', args)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
  await redis?.stop();
});

async function as(user: keyof typeof USERS, node: QactorProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(node.url + path, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${user}-pw`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text() };
}

describe('ownership across cluster nodes', () => {
  it('a foreign user sees 404 on another node exactly as for an unknown id; the owner and cancel_task do not', async () => {
    const submitted = await as('alice', a, 'POST', '/_query/async', { query: SLOW, wait_for_completion_timeout: '1ms' });
    expect(submitted.status).toBe(200);
    const id = (JSON.parse(submitted.text) as { id: string }).id;
    const path = `/_query/async/${encodeURIComponent(id)}`;

    const foreign = await as('bob', b, 'GET', path);
    expect(foreign.status).toBe(404);
    const unknownId = encodeAsyncId({ docId: randomBase64Uuid(), nodeId: 'a', taskNumber: 999_999 });
    const unknown = await as('bob', b, 'GET', `/_query/async/${encodeURIComponent(unknownId)}`);
    expect(unknown.status).toBe(404);
    // The same body, up to the id it names: nothing tells bob that alice's query exists.
    expect(foreign.text).toBe(unknown.text.replaceAll(unknownId, id));
    expect((await as('bob', b, 'POST', `${path}/stop`)).status).toBe(404);
    expect((await as('bob', b, 'DELETE', path)).status).toBe(404);

    const owner = await as('alice', b, 'GET', path);
    expect(owner.status).toBe(200);
    expect(JSON.parse(owner.text)).toMatchObject({ id, is_running: true });

    const deleted = await as('ops', b, 'DELETE', path);
    expect(deleted.status).toBe(200);
    expect(JSON.parse(deleted.text)).toEqual({ acknowledged: true });
    expect((await as('alice', a, 'GET', path)).status).toBe(404);
  });

  it('the owner stops on the other node and gets the partial result there', async () => {
    const submitted = await as('alice', a, 'POST', '/_query/async', { query: SLOW, wait_for_completion_timeout: '200ms' });
    const id = (JSON.parse(submitted.text) as { id: string }).id;
    const stopped = await as('alice', b, 'POST', `/_query/async/${encodeURIComponent(id)}/stop`);
    expect(stopped.status).toBe(200);
    expect(JSON.parse(stopped.text)).toMatchObject({ is_running: false, is_partial: true });
    expect((await as('bob', a, 'GET', `/_query/async/${encodeURIComponent(id)}`)).status).toBe(404);
  });
});
