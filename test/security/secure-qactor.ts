import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningQactor } from '../../src/main.js';
import { hashPassword } from '../../src/security/password-hash.js';
import { EMPTY_USERS, withUser, writeUsersFile } from '../../src/security/users-file.js';
import { startTestServer } from '../support/qactor-server.js';

/** Users of the secure test node: password = name + "-pw". */
export const USERS = { alice: ['user'], bob: ['user'], ops: ['task_canceller'], root: ['superuser'] } as const;
export type TestUser = keyof typeof USERS;

export const basicAuth = (user: TestUser, password = `${user}-pw`): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

export const apiKeyAuth = (encoded: string): Record<string, string> => ({ authorization: `ApiKey ${encoded}` });

/** A full qactor node (startQactor) with `--users` on a users file with cheap scrypt hashes. */
export async function startSecureQactor(): Promise<RunningQactor> {
  let doc = EMPTY_USERS;
  for (const [name, roles] of Object.entries(USERS)) {
    const hash = await hashPassword(`${name}-pw`, { N: 1024, r: 8, p: 1 });
    doc = withUser(doc, name, { password_hash: hash, roles: [...roles] });
  }
  const usersFile = join(mkdtempSync(join(tmpdir(), 'qactor-sec-')), 'users.json');
  writeUsersFile(usersFile, doc);
  return startTestServer({ usersFile });
}
