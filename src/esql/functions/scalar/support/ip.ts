/**
 * IP text <-> 16-byte form, as ES stores ips (IPv4 as IPv4-mapped IPv6). The canonical text is
 * dotted quad for IPv4 (and IPv4-mapped) addresses, RFC 5952 compressed lower-case IPv6 otherwise.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 16 bytes of `text`, or undefined when it is not an IP literal. */
export function parseIp(text: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    out[10] = 0xff;
    out[11] = 0xff;
    out.set(v4, 12);
    return out;
  }
  return parseIpv6(text, out) ? out : undefined;
}

function parseIpv4(text: string): number[] | undefined {
  const m = IPV4.exec(text);
  if (m === null) return undefined;
  const parts = [m[1], m[2], m[3], m[4]].map(Number);
  for (const p of parts) if (p > 255) return undefined;
  return parts;
}

function parseIpv6(text: string, out: Uint8Array): boolean {
  if (!text.includes(':')) return false;
  const zone = text.indexOf('%');
  const body = zone >= 0 ? text.slice(0, zone) : text;
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const res: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        res.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
        res.push(parseInt(part, 16));
      }
    }
    return res;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return false;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return false;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    out[2 * i] = all[i] >> 8;
    out[2 * i + 1] = all[i] & 0xff;
  }
  return true;
}

/** Canonical text of 16 ip bytes. */
export function formatIp(b: Uint8Array): string {
  let mapped = true;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) mapped = false;
  if (mapped && b[10] === 0xff && b[11] === 0xff) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[2 * i] << 8) | b[2 * i + 1]);
  // Longest run (>= 2) of zero groups becomes "::" (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The canonical form of an ip text, or undefined when invalid. */
export function canonicalIp(text: string): string | undefined {
  const b = parseIp(text);
  return b === undefined ? undefined : formatIp(b);
}
