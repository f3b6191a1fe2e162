import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from '../../src/security/authenticator.js';
import { hashPassword } from '../../src/security/password-hash.js';
import { EMPTY_USERS, withUser } from '../../src/security/users-file.js';
import { startIngestServer, type IngestServer } from './ingest-server.js';

/** With security on, ingest routes pass the auth hook; changing data takes the superuser role. */
let server: IngestServer;
beforeAll(async () => {
  let doc = EMPTY_USERS;
  for (const [name, roles] of [['alice', ['user']], ['root', ['superuser']]] as const) {
    doc = withUser(doc, name, { password_hash: await hashPassword(`${name}-pw`, { N: 1024, r: 8, p: 1 }), roles: [...roles] });
  }
  server = await startIngestServer({ authenticator: new Authenticator(doc) });
});
afterAll(async () => {
  await server?.close();
});

const auth = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${user}-pw`).toString('base64')}` });
const BULK = '{"index":{"_index":"secret"}}\n{"v":1}\n';

describe('ingest with security on', () => {
  it('answers 401 without credentials and 403 for a user without `all`', async () => {
    const anonymous = await fetch(`${server.url}/_bulk`, { method: 'POST', body: BULK });
    expect(anonymous.status).toBe(401);
    const alice = await fetch(`${server.url}/_bulk`, { method: 'POST', body: BULK, headers: auth('alice') });
    expect(alice.status).toBe(403);
    expect(((await alice.json()) as { error: { reason: string } }).error.reason).toBe(
      'action [indices:data/write/bulk] is unauthorized for user [alice]',
    );
    expect((await fetch(`${server.url}/secret`, { method: 'PUT', headers: auth('alice') })).status).toBe(403);
    expect(server.catalog.get('secret')).toBeUndefined();
  });

  it('lets a superuser write and any authenticated user list', async () => {
    const root = await fetch(`${server.url}/_bulk`, { method: 'POST', body: BULK, headers: auth('root') });
    expect(root.status).toBe(200);
    const cat = await fetch(`${server.url}/_cat/indices?format=json`, { headers: auth('alice') });
    expect(((await cat.json()) as { index: string }[]).map((r) => r.index)).toEqual(['secret']);
    expect((await fetch(`${server.url}/secret`, { method: 'DELETE', headers: auth('alice') })).status).toBe(403);
    expect((await fetch(`${server.url}/secret`, { method: 'DELETE', headers: auth('root') })).status).toBe(200);
  });
});
