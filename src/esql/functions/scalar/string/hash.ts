import { createHash, getHashes } from 'node:crypto';
import { EvalFailure } from '../support/eval-failure.js';
import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** Java MessageDigest names -> node digest names. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  SHA1: 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  SHA256: 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

const available = new Set(getHashes());

const hex = (algorithm: string, s: string): string => createHash(algorithm).update(s, 'utf8').digest('hex');

/** HASH(algorithm, input): the hex digest of the UTF-8 input. */
export const hash = scalarFunction({
  name: 'hash',
  minArgs: 2,
  params: [STRING, STRING],
  result: fixed('keyword'),
  kernel: () => (v) => {
    const name = v[0] as string;
    const algorithm = ALGORITHMS[name.toUpperCase()];
    if (algorithm === undefined || !available.has(algorithm)) {
      throw new EvalFailure('java.security.NoSuchAlgorithmException', `${name} MessageDigest not available`);
    }
    return hex(algorithm, v[1] as string);
  },
});

function digest(name: string, algorithm: string) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [STRING],
    result: fixed('keyword'),
    kernel: () => (v) => hex(algorithm, v[0] as string),
  });
}

export const md5 = digest('md5', 'md5');
export const sha1 = digest('sha1', 'sha1');
export const sha256 = digest('sha256', 'sha256');
