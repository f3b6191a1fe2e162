import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret half of an API key. The secret has 128 random bits, so a slow hash adds nothing: a
 * SHA-256 of it is what adapters store, never the secret. Comparison is constant-time, and an unknown
 * id is compared against a decoy digest, so a lookup miss costs what a wrong secret costs.
 */

export interface NewApiKeyCredentials {
  readonly id: string;
  readonly secret: string;
  readonly secretHash: Buffer;
  /** `base64(id:secret)`, what the client sends after `Authorization: ApiKey`. */
  readonly encoded: string;
}

export function newApiKeyCredentials(): NewApiKeyCredentials {
  const id = randomBytes(15).toString('base64url');
  const secret = randomBytes(16).toString('base64url');
  return { id, secret, secretHash: hashApiKeySecret(secret), encoded: Buffer.from(`${id}:${secret}`, 'utf8').toString('base64') };
}

export const hashApiKeySecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

const DECOY_HASH = hashApiKeySecret(randomBytes(16).toString('base64url'));

/** True when `secret` hashes to `storedHash`; undefined (no such key) is compared too, and is false. */
export function apiKeySecretMatches(secret: string, storedHash: Buffer | undefined): boolean {
  const given = hashApiKeySecret(secret);
  const expected = storedHash?.length === given.length ? storedHash : DECOY_HASH;
  return timingSafeEqual(given, expected) && expected !== DECOY_HASH;
}
