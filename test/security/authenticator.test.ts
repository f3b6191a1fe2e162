import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import type { ApiKeyStore } from '../../src/security/api-key-store.js';
import { Authenticator } from '../../src/security/authenticator.js';
import { MemoryApiKeyStore } from '../../src/security/memory-api-key-store.js';
import { hashPassword } from '../../src/security/password-hash.js';
import { parseUsersDocument } from '../../src/security/users-file.js';

const CHEAP = { N: 1024, r: 8, p: 1 };
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

async function authenticator(apiKeys?: ApiKeyStore): Promise<Authenticator> {
  const users = parseUsersDocument({
    users: {
      alice: { password_hash: await hashPassword('alice-pw', CHEAP), roles: ['user'] },
      root: { password_hash: await hashPassword('root-pw', CHEAP), roles: ['superuser'] },
      ops: { password_hash: await hashPassword('ops-pw', CHEAP), roles: ['cancellers'] },
    },
    roles: { cancellers: { cluster: ['cancel_task'] } },
  });
  return new Authenticator(users, apiKeys);
}

async function failure(p: Promise<unknown>): Promise<EsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EsError);
  return err as EsError;
}

describe('Authenticator', () => {
  it('authenticates Basic credentials and resolves role privileges', async () => {
    const auth = await authenticator();
    const alice = await auth.authenticate(basic('alice', 'alice-pw'), '/_query');
    expect(alice).toMatchObject({ username: 'alice', owner: 'alice', authenticationType: 'realm' });
    expect([...alice.privileges]).toEqual([]);
    expect([...(await auth.authenticate(basic('ops', 'ops-pw'), '/')).privileges]).toEqual(['cancel_task']);
    expect([...(await auth.authenticate(basic('root', 'root-pw'), '/')).privileges]).toEqual(['all']);
    // A password containing ':' splits at the first colon only.
    expect((await auth.authenticate(basic('alice', 'alice-pw'), '/')).username).toBe('alice');
  });

  it('answers ES 401s for missing, unknown, wrong and malformed credentials', async () => {
    const auth = await authenticator();
    const missing = await failure(auth.authenticate(undefined, '/_query'));
    expect([missing.type, missing.status, missing.reason]).toEqual([
      'security_exception',
      401,
      'missing authentication credentials for REST request [/_query]',
    ]);
    expect((await failure(auth.authenticate(basic('alice', 'nope'), '/_query'))).reason).toBe(
      'unable to authenticate user [alice] for REST request [/_query]',
    );
    expect((await failure(auth.authenticate(basic('mallory', 'x'), '/_query'))).reason).toBe(
      'unable to authenticate user [mallory] for REST request [/_query]',
    );
    expect((await failure(auth.authenticate('Basic !!!', '/'))).status).toBe(401);
    expect((await failure(auth.authenticate('Basic', '/'))).status).toBe(401);
    expect((await failure(auth.authenticate('Bearer abc', '/'))).reason).toMatch(/missing authentication credentials/);
  });

  it('keeps rejecting a wrong password after a right one was cached', async () => {
    const auth = await authenticator();
    await auth.authenticate(basic('alice', 'alice-pw'), '/');
    expect((await failure(auth.authenticate(basic('alice', 'alice-pw!'), '/'))).status).toBe(401);
    expect((await auth.authenticate(basic('alice', 'alice-pw'), '/')).username).toBe('alice');
  });

  it('authenticates API keys as the key, owned separately from the user', async () => {
    const auth = await authenticator();
    const key = await auth.apiKeys.create({ name: 'k', username: 'alice', roles: ['user'] });
    const principal = await auth.authenticate(`ApiKey ${key.encoded}`, '/');
    expect(principal).toMatchObject({ username: 'alice', authenticationType: 'api_key', apiKey: { id: key.id, name: 'k' } });
    expect(principal.owner).not.toBe('alice');
    const wrong = Buffer.from(`${key.id}:wrong`).toString('base64');
    expect((await failure(auth.authenticate(`ApiKey ${wrong}`, '/'))).status).toBe(401);
    await auth.apiKeys.invalidate([key.id], () => true);
    expect((await failure(auth.authenticate(`ApiKey ${key.encoded}`, '/'))).status).toBe(401);
  });

  it('verifies API keys through the store it is given, on every request', async () => {
    // Two authenticators over one store: what two cluster nodes over one Redis see.
    const shared = new MemoryApiKeyStore();
    const [nodeA, nodeB] = await Promise.all([authenticator(shared), authenticator(shared)]);
    const key = await nodeA.apiKeys.create({ name: 'k', username: 'alice', roles: ['user'] });
    expect((await nodeB.authenticate(`ApiKey ${key.encoded}`, '/')).apiKey?.id).toBe(key.id);
    await nodeB.apiKeys.invalidate([key.id], () => true);
    expect((await failure(nodeA.authenticate(`ApiKey ${key.encoded}`, '/'))).status).toBe(401);
    const unknownId = Buffer.from(`nope:${key.apiKey}`).toString('base64');
    expect((await failure(nodeA.authenticate(`ApiKey ${unknownId}`, '/'))).reason).toMatch(/unable to authenticate with provided credentials/);
  });

  it('narrows an API key to its role descriptors, never beyond its owner', async () => {
    const auth = await authenticator();
    const narrowed = await auth.apiKeys.create({ name: 'n', username: 'root', roles: ['superuser'], restrictedTo: new Set([]) });
    expect([...(await auth.authenticate(`ApiKey ${narrowed.encoded}`, '/')).privileges]).toEqual([]);
    const wider = await auth.apiKeys.create({ name: 'w', username: 'alice', roles: ['user'], restrictedTo: new Set(['cancel_task'] as const) });
    expect([...(await auth.authenticate(`ApiKey ${wider.encoded}`, '/')).privileges]).toEqual([]);
  });
});
