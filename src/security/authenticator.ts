import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyStore } from './api-key-store.js';
import { MemoryApiKeyStore } from './memory-api-key-store.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { apiKeyOwner, type Principal } from './principal.js';
import { hasPrivilege, privilegesOf, type ClusterPrivilege } from './roles.js';
import { missingCredentials, unableToAuthenticate, unableToAuthenticateUser } from './security-errors.js';
import type { UsersDocument } from './users-file.js';

/**
 * Turns an `Authorization` header into a Principal, or throws 401 `security_exception`.
 * `Basic base64(user:password)` is checked against the users file; `ApiKey base64(id:key)` against
 * the API key store (this node's memory, or Redis in cluster mode: asked on every request, so an
 * invalidated key is refused at once everywhere). scrypt is deliberately slow, so a successful login is remembered as a keyed
 * SHA-256 of the password (ES's realm cache does the same); the entry is tied to the stored hash,
 * so a changed password invalidates it.
 */
export class Authenticator {
  private readonly cache = new Map<string, { readonly passwordHash: string; readonly digest: Buffer }>();
  private readonly pepper = randomBytes(32);
  /** Verified against for unknown users, so "no such user" takes as long as "wrong password". */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersDocument,
    readonly apiKeys: ApiKeyStore = new MemoryApiKeyStore(),
  ) {}

  async authenticate(authorization: string | undefined, path: string): Promise<Principal> {
    if (authorization === undefined) throw missingCredentials(path);
    const space = authorization.indexOf(' ');
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const credentials = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'basic') return this.basic(credentials, path);
    if (scheme === 'apikey') return this.apiKey(credentials);
    throw missingCredentials(path);
  }

  /** The privileges a user's roles grant (used when creating API keys on the user's behalf). */
  privilegesOfRoles(roles: readonly string[]): ReadonlySet<ClusterPrivilege> {
    return privilegesOf(roles, this.users.roles);
  }

  private async basic(credentials: string, path: string): Promise<Principal> {
    const decoded = decodeBase64Pair(credentials);
    if (decoded === undefined) throw unableToAuthenticate();
    const [username, password] = decoded;
    const user = Object.hasOwn(this.users.users, username) ? this.users.users[username] : undefined;
    if (user === undefined) {
      await verifyPassword(password, await this.decoy());
      throw unableToAuthenticateUser(username, path);
    }
    if (!(await this.passwordMatches(username, password, user.password_hash))) throw unableToAuthenticateUser(username, path);
    return {
      username,
      roles: user.roles,
      privileges: privilegesOf(user.roles, this.users.roles),
      authenticationType: 'realm',
      owner: username,
    };
  }

  private async passwordMatches(username: string, password: string, passwordHash: string): Promise<boolean> {
    const digest = createHash('sha256').update(this.pepper).update(password, 'utf8').digest();
    const cached = this.cache.get(username);
    if (cached !== undefined && cached.passwordHash === passwordHash) return timingSafeEqual(cached.digest, digest);
    if (!(await verifyPassword(password, passwordHash))) return false;
    this.cache.set(username, { passwordHash, digest });
    return true;
  }

  private async apiKey(credentials: string): Promise<Principal> {
    const decoded = decodeBase64Pair(credentials);
    const record = decoded === undefined ? undefined : await this.apiKeys.verify(decoded[0], decoded[1]);
    // The key outlives a user removed from the users file only until the next check here.
    const user = record === undefined ? undefined : Object.hasOwn(this.users.users, record.username) ? this.users.users[record.username] : undefined;
    if (record === undefined || user === undefined) throw unableToAuthenticate();
    const granted = privilegesOf(record.roles, this.users.roles);
    const restricted = record.restrictedTo;
    const privileges =
      restricted === undefined ? granted : new Set([...restricted].filter((p) => hasPrivilege(granted, p)));
    return {
      username: record.username,
      roles: record.roles,
      privileges,
      authenticationType: 'api_key',
      apiKey: { id: record.id, name: record.name },
      owner: apiKeyOwner(record.username, record.id),
    };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'), decoyCost(this.users));
    return this.decoyHash;
  }
}

/** The decoy costs what a real user's hash costs (the first user's parameters). */
function decoyCost(users: UsersDocument) {
  const first = Object.values(users.users)[0]?.password_hash.split('$');
  if (first === undefined) return undefined;
  return { N: Number(first[1]), r: Number(first[2]), p: Number(first[3]) };
}

/** `base64(a:b)` split at the first colon; undefined when it is not that shape. */
function decodeBase64Pair(credentials: string): [string, string] | undefined {
  if (credentials === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return undefined;
  const text = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return [text.slice(0, colon), text.slice(colon + 1)];
}
