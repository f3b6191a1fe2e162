/* eslint-disable @typescript-eslint/no-unsafe-member-access -- untyped JSON bodies, asserted by the tests */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_USERS, parseUsersDocument, readUsersFile, withUser, writeUsersFile } from '../../src/security/users-file.js';

const HASH = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

describe('users file', () => {
  it('reads users and custom roles', () => {
    const doc = parseUsersDocument({
      users: { alice: { password_hash: HASH, roles: ['superuser'] }, bob: { password_hash: HASH, roles: ['ops'] } },
      roles: { ops: { cluster: ['cancel_task'] } },
    });
    expect(doc.users.bob.roles).toEqual(['ops']);
    expect(doc.roles.ops.cluster).toEqual(['cancel_task']);
  });

  it.each([
    [{ users: {}, extra: 1 }, /unknown field \[extra\]/],
    [{ users: { 'a:b': { password_hash: HASH } } }, /invalid username/],
    [{ users: { a: { password_hash: 'plain' } } }, /not an scrypt/],
    [{ users: { a: { roles: [] } } }, /needs a "password_hash"/],
    [{ users: { a: { password_hash: HASH, roles: ['nope'] } } }, /undefined role \[nope\]/],
    [{ users: { a: { password_hash: HASH, roles: 'superuser' } } }, /must be an array/],
    [{ roles: { superuser: { cluster: [] } } }, /built in/],
    [{ roles: { r: { cluster: ['drop_everything'] } } }, /unknown cluster privilege/],
    [[], /expected a JSON object/],
  ])('rejects %j', (json, message) => {
    expect(() => parseUsersDocument(json)).toThrow(message);
  });

  it('keeps a user called __proto__ a plain entry', () => {
    const doc = withUser(EMPTY_USERS, '__proto__', { password_hash: HASH, roles: [] });
    expect(Object.keys(doc.users)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(doc.users)).toBe(Object.prototype);
  });

  it('writes owner-only and reads back what it wrote', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'qactor-users-')), 'users.json');
    const doc = withUser(EMPTY_USERS, 'carol', { password_hash: HASH, roles: ['user'] });
    writeUsersFile(path, doc);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readUsersFile(path)).toEqual(doc);
    expect(JSON.parse(readFileSync(path, 'utf8')).users.carol.roles).toEqual(['user']);
  });

  it('reports a missing or unreadable file clearly', () => {
    expect(() => readUsersFile('/nonexistent/users.json')).toThrow(/cannot read users file/);
  });
});
