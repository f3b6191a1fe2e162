import { existsSync } from 'node:fs';
import { hashPassword } from './password-hash.js';
import { EMPTY_USERS, readUsersFile, UsersFileError, withUser, writeUsersFile } from './users-file.js';

/**
 * `qactor users add NAME [--role R]... --users FILE [--password-stdin]`: hashes the password with
 * scrypt and adds (or replaces) the user in the users file, creating it if needed. The password
 * never appears on the command line (it would be visible in `ps` and shell history).
 */

export const MIN_PASSWORD_LENGTH = 6;

export interface AddUserOptions {
  readonly usersFile: string;
  readonly roles: readonly string[];
  readonly password: string;
}

export async function addUser(name: string, options: AddUserOptions): Promise<{ created: boolean }> {
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new UsersFileError(`passwords must be at least [${MIN_PASSWORD_LENGTH}] characters long`);
  }
  const exists = existsSync(options.usersFile);
  const doc = exists ? readUsersFile(options.usersFile) : EMPTY_USERS;
  const created = !Object.hasOwn(doc.users, name);
  const roles = options.roles.length === 0 ? ['user'] : [...new Set(options.roles)];
  // Validate the name and roles before paying for the hash.
  withUser(doc, name, { password_hash: 'scrypt$2$1$1$AA==$AAAAAAAAAAAAAAAAAAAAAA==', roles });
  writeUsersFile(options.usersFile, withUser(doc, name, { password_hash: await hashPassword(options.password), roles }));
  return { created };
}

/** The whole of stdin, minus one trailing newline (what `echo pw | qactor users add` sends). */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Error('cancelled'));
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Prompts twice on a terminal; otherwise (or with --password-stdin) reads stdin. */
export async function readNewPassword(passwordStdin: boolean): Promise<string> {
  if (passwordStdin || !process.stdin.isTTY) return readPasswordFromStdin();
  const first = await promptHidden('Enter password: ');
  const again = await promptHidden('Enter password again: ');
  if (first !== again) throw new UsersFileError('passwords do not match');
  return first;
}
