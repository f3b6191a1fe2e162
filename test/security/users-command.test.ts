import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { verifyPassword } from '../../src/security/password-hash.js';
import { addUser, readPasswordFromStdin } from '../../src/security/users-command.js';
import { readUsersFile } from '../../src/security/users-file.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'qactor-users-cmd-')), 'users.json');

describe('qactor users add', () => {
  it('creates the file, hashes the password, defaults the role to user, and replaces on re-add', async () => {
    const file = tempFile();
    expect(await addUser('alice', { usersFile: file, roles: [], password: 'first-pw' })).toEqual({ created: true });
    const first = readUsersFile(file).users.alice;
    expect(first.roles).toEqual(['user']);
    expect(first.password_hash).not.toContain('first-pw');
    expect(await verifyPassword('first-pw', first.password_hash)).toBe(true);

    await addUser('bob', { usersFile: file, roles: ['superuser', 'superuser'], password: 'bob-pw-1' });
    expect(await addUser('alice', { usersFile: file, roles: ['task_canceller'], password: 'second-pw' })).toEqual({ created: false });
    const doc = readUsersFile(file);
    expect(Object.keys(doc.users).sort()).toEqual(['alice', 'bob']);
    expect(doc.users.bob.roles).toEqual(['superuser']);
    expect(doc.users.alice.roles).toEqual(['task_canceller']);
    expect(await verifyPassword('second-pw', doc.users.alice.password_hash)).toBe(true);
  });

  it('refuses short passwords, bad names and undefined roles without touching the file', async () => {
    const file = tempFile();
    await expect(addUser('alice', { usersFile: file, roles: [], password: '12345' })).rejects.toThrow(/at least \[6\]/);
    await expect(addUser('a:b', { usersFile: file, roles: [], password: 'long-enough' })).rejects.toThrow(/invalid username/);
    await expect(addUser('carol', { usersFile: file, roles: ['admin'], password: 'long-enough' })).rejects.toThrow(/undefined role \[admin\]/);
    expect(() => readUsersFile(file)).toThrow(/cannot read/);
  });

  it('reads the password from stdin without its trailing newline', async () => {
    expect(await readPasswordFromStdin(Readable.from([Buffer.from('s3cret pw\n')]))).toBe('s3cret pw');
    expect(await readPasswordFromStdin(Readable.from([Buffer.from('a\r\n')]))).toBe('a');
  });
});

describe('--users and the loopback rule', () => {
  it('allows a non-loopback bind when security is on, and still refuses it when off', () => {
    expect(resolveConfig({ host: '0.0.0.0', usersFile: '/etc/qactor/users.json' }, {}).usersFile).toBe('/etc/qactor/users.json');
    expect(() => resolveConfig({ host: '0.0.0.0' }, {})).toThrow(/--users FILE.*--insecure/);
    expect(resolveConfig({}, { QACTOR_USERS_FILE: '/u.json' }).usersFile).toBe('/u.json');
  });
});
