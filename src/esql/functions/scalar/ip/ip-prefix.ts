import { illegalArgumentFailure } from '../support/eval-failure.js';
import { formatIp, parseIp } from '../support/ip.js';
import { IP, WHOLE_NUMBER } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

function isV4(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** IP_PREFIX(ip, prefixLengthV4, prefixLengthV6): the ip with every bit past the prefix cleared. */
export const ipPrefix = scalarFunction({
  name: 'ip_prefix',
  minArgs: 3,
  params: [IP, WHOLE_NUMBER, WHOLE_NUMBER],
  result: fixed('ip'),
  kernel: () => (v) => {
    const b = parseIp(v[0] as string);
    if (b === undefined) return null;
    const v4 = v[1] as number;
    const v6 = v[2] as number;
    if (v4 < 0 || v4 > 32) throw illegalArgumentFailure(`Prefix length v4 must be in range [0, 32], found ${v4}`);
    if (v6 < 0 || v6 > 128) throw illegalArgumentFailure(`Prefix length v6 must be in range [0, 128], found ${v6}`);
    let bits = isV4(b) ? 96 + v4 : v6;
    for (let i = 0; i < 16; i++, bits -= 8) {
      if (bits >= 8) continue;
      b[i] &= bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    }
    return formatIp(b);
  },
});
