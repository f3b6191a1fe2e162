import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../src/security/password-hash.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    const a = await hashPassword('same', CHEAP);
    const b = await hashPassword('same', CHEAP);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('uses the default cost when none is given', async () => {
    expect(parsePasswordHash(await hashPassword('pw')).cost).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it('treats canonically equal unicode passwords alike', async () => {
    const hash = await hashPassword('caf\u00e9', CHEAP);
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('refuses hash strings it did not write', () => {
    expect(() => parsePasswordHash('bcrypt$2b$10$abc')).toThrow(/not an scrypt/);
    expect(() => parsePasswordHash('scrypt$1000$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAA')).toThrow(/cost/);
    expect(() => parsePasswordHash('scrypt$1024$8$1$$AAAA')).toThrow(/salt/);
  });
});
