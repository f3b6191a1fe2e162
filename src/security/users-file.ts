import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parsePasswordHash } from './password-hash.js';
import { USERNAME_PATTERN } from './principal.js';
import { BUILT_IN_ROLES, isClusterPrivilege, type ClusterPrivilege, type RoleDescriptor } from './roles.js';

/**
 * The `--users FILE` document, written by `qactor users add`:
 * `{"users": {"alice": {"password_hash": "scrypt$...", "roles": ["superuser"]}},
 *   "roles": {"ops": {"cluster": ["cancel_task"]}}}`. Validated strictly at load: a typo in a role
 * or a damaged hash must stop the server, not silently lock someone out or let someone in.
 */

export interface UserEntry {
  readonly password_hash: string;
  readonly roles: readonly string[];
}

export interface UsersDocument {
  readonly users: Readonly<Record<string, UserEntry>>;
  readonly roles: Readonly<Record<string, RoleDescriptor>>;
}

export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

export const EMPTY_USERS: UsersDocument = { users: {}, roles: {} };

export function readUsersFile(path: string): UsersDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsersFileError(`cannot read users file [${path}]: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsersFileError(`users file [${path}] is not valid JSON: ${(err as Error).message}`);
  }
  return parseUsersDocument(json, path);
}

export function parseUsersDocument(json: unknown, where = 'users file'): UsersDocument {
  const fail = (what: string): never => {
    throw new UsersFileError(`${where}: ${what}`);
  };
  if (!isObject(json)) return fail('expected a JSON object with "users" and optional "roles"');
  for (const key of Object.keys(json)) if (key !== 'users' && key !== 'roles') fail(`unknown field [${key}]`);
  const roles: Record<string, RoleDescriptor> = {};
  const rawRoles = json.roles ?? {};
  if (!isObject(rawRoles)) return fail('"roles" must be an object');
  for (const [name, raw] of Object.entries(rawRoles)) {
    if (Object.hasOwn(BUILT_IN_ROLES, name)) fail(`role [${name}] is built in and cannot be redefined`);
    if (!isObject(raw) || !Array.isArray(raw.cluster)) return fail(`role [${name}] must be {"cluster": [privileges]}`);
    const cluster: ClusterPrivilege[] = [];
    for (const p of raw.cluster) {
      if (typeof p !== 'string' || !isClusterPrivilege(p)) fail(`role [${name}] has unknown cluster privilege [${String(p)}]`);
      cluster.push(p as ClusterPrivilege);
    }
    define(roles, name, { cluster });
  }
  const users: Record<string, UserEntry> = {};
  const rawUsers = json.users ?? {};
  if (!isObject(rawUsers)) return fail('"users" must be an object');
  for (const [name, raw] of Object.entries(rawUsers)) {
    if (!USERNAME_PATTERN.test(name)) fail(`invalid username [${name}]`);
    if (!isObject(raw) || typeof raw.password_hash !== 'string') return fail(`user [${name}] needs a "password_hash"`);
    try {
      parsePasswordHash(raw.password_hash);
    } catch (err) {
      fail(`user [${name}]: ${(err as Error).message}`);
    }
    const userRoles = raw.roles ?? [];
    if (!Array.isArray(userRoles) || !userRoles.every((r): r is string => typeof r === 'string')) {
      return fail(`user [${name}]: "roles" must be an array of role names`);
    }
    for (const r of userRoles) {
      if (!Object.hasOwn(BUILT_IN_ROLES, r) && !Object.hasOwn(roles, r)) fail(`user [${name}] has undefined role [${r}]`);
    }
    define(users, name, { password_hash: raw.password_hash, roles: userRoles });
  }
  return { users, roles };
}

/** Adds or replaces one user; the document is otherwise unchanged. */
export function withUser(doc: UsersDocument, name: string, entry: UserEntry): UsersDocument {
  if (!USERNAME_PATTERN.test(name)) {
    throw new UsersFileError(`invalid username [${name}]: use letters, digits and _ . @ + - (no ':' or '/')`);
  }
  for (const r of entry.roles) {
    if (!Object.hasOwn(BUILT_IN_ROLES, r) && !Object.hasOwn(doc.roles, r)) throw new UsersFileError(`undefined role [${r}]`);
  }
  const users: Record<string, UserEntry> = { ...doc.users };
  define(users, name, entry);
  return { users, roles: doc.roles };
}

/** Written to a sibling file then renamed: a crash never leaves half a users file; owner-only mode. */
export function writeUsersFile(path: string, doc: UsersDocument): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Plain assignment of `__proto__` would change the prototype instead of adding a user. */
function define<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
