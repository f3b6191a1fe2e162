import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeySecretMatches, hashApiKeySecret, newApiKeyCredentials } from '../../src/security/api-key-secret.js';

describe('API key secrets', () => {
  it('makes fresh credentials whose stored form is the SHA-256 of the secret', () => {
    const a = newApiKeyCredentials();
    const b = newApiKeyCredentials();
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
    expect(a.secretHash.toString('hex')).toBe(createHash('sha256').update(a.secret).digest('hex'));
    expect(Buffer.from(a.encoded, 'base64').toString()).toBe(`${a.id}:${a.secret}`);
  });

  it('matches only the right secret; a missing or malformed stored hash never matches', () => {
    const { secret, secretHash } = newApiKeyCredentials();
    expect(apiKeySecretMatches(secret, secretHash)).toBe(true);
    expect(apiKeySecretMatches(`${secret}x`, secretHash)).toBe(false);
    expect(apiKeySecretMatches(secret, undefined)).toBe(false);
    expect(apiKeySecretMatches(secret, secretHash.subarray(0, 16))).toBe(false);
    expect(apiKeySecretMatches('', hashApiKeySecret(''))).toBe(true);
  });
});
