import { IP, STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';
import { illegalArgumentFailure } from '../support/eval-failure.js';
import { parseIp } from '../support/ip.js';

interface Cidr {
  readonly bytes: Uint8Array;
  /** Prefix length over the 16-byte form (IPv4 prefixes are offset by 96). */
  readonly bits: number;
}

function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = parseIp(addr);
  if (bytes === undefined) throw illegalArgumentFailure(`'${addr}' is not an IP string literal.`);
  const v4 = !addr.includes(':');
  const max = v4 ? 32 : 128;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw illegalArgumentFailure(`Illegal prefix length [${text.slice(slash + 1)}] in [${text}]`);
  }
  return { bytes, bits: v4 ? prefix + 96 : prefix };
}

function contains(c: Cidr, ip: Uint8Array): boolean {
  let bits = c.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((c.bytes[i] & mask) !== (ip[i] & mask)) return false;
  }
  return true;
}

/** CIDR_MATCH(ip, block1, block2, ...): true when the ip is in any of the CIDR blocks. */
export const cidrMatch = scalarFunction({
  name: 'cidr_match',
  minArgs: 2,
  maxArgs: Infinity,
  params: [IP, STRING],
  result: fixed('boolean'),
  kernel: (types) => {
    const n = types.length;
    const cache = new Map<string, Cidr>();
    return (v) => {
      const ip = parseIp(v[0] as string);
      if (ip === undefined) return null;
      for (let i = 1; i < n; i++) {
        const text = v[i] as string;
        let c = cache.get(text);
        if (c === undefined) {
          c = parseCidr(text);
          if (cache.size < 1024) cache.set(text, c);
        }
        if (contains(c, ip)) return 1;
      }
      return 0;
    };
  },
});
