import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes for the users file: scrypt (memory-hard, in Node's crypto) with a random salt,
 * stored as `scrypt$N$r$p$salt$hash` (base64) so the cost can be raised later without breaking
 * existing entries. Hashing runs on libuv's thread pool: a login never blocks the event loop.
 */

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt baseline (N=2^17 is stronger but needs 128 MiB per concurrent login). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost, KEY_LENGTH);
  return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** False for a wrong password; throws only for a hash string this module did not write. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const { cost, salt, hash } = parsePasswordHash(encoded);
  const actual = await derive(password, salt, cost, hash.length);
  return actual.length === hash.length && timingSafeEqual(actual, hash);
}

export function parsePasswordHash(encoded: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) throw new Error('not an scrypt password hash (expected scrypt$N$r$p$salt$hash)');
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN));
  if (!(N >= 2 && (N & (N - 1)) === 0) || !(r >= 1) || !(p >= 1)) throw new Error('scrypt hash has invalid cost parameters');
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length === 0 || hash.length < 16 || hash.length > 128) throw new Error('scrypt hash has an empty salt or a digest of the wrong size');
  return { cost: { N, r, p }, salt, hash };
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  // Node refuses N*r above its default 32 MiB maxmem; allow what the parameters need.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
