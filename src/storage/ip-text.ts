/**
 * IP address text as ES prints it: IPv4 dotted decimal (also for IPv4-mapped IPv6, which is how ES
 * stores every IPv4), IPv6 lower-case with the longest run of zero groups compressed (RFC 5952).
 * Ordering follows ES doc values: the 16-byte IPv6 form, compared as unsigned bytes.
 */

/** The 16-byte form of `text`, or null when it is not an IP address. */
export function parseIp(text: string): Uint8Array | null {
  const bytes = new Uint8Array(16);
  if (!text.includes(':')) {
    if (!parseIpv4(text, bytes, 12)) return null;
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    return bytes;
  }
  return parseIpv6(text, bytes) ? bytes : null;
}

function parseIpv4(text: string, out: Uint8Array, offset: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    // ES rejects leading zeros: they are ambiguous between decimal and octal.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return false;
    const n = Number(p);
    if (n > 255) return false;
    out[offset + i] = n;
  }
  return true;
}

function parseIpv6(text: string, out: Uint8Array): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const groups: number[] = [];
  const all = halves.length === 2 ? [...head, '::', ...tail] : head;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (g === '::') {
      groups.push(-1);
      continue;
    }
    if (g.includes('.')) {
      if (i !== all.length - 1) return false;
      const v4 = new Uint8Array(4);
      if (!parseIpv4(g, v4, 0)) return false;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
    groups.push(parseInt(g, 16));
  }
  const explicit = groups.filter((g) => g >= 0).length;
  const gap = groups.indexOf(-1);
  if (gap < 0 && explicit !== 8) return false;
  if (gap >= 0 && explicit > 7) return false;
  const full: number[] = [];
  for (const g of groups) {
    if (g === -1) for (let k = 0; k < 8 - explicit; k++) full.push(0);
    else full.push(g);
  }
  for (let i = 0; i < 8; i++) {
    out[i * 2] = full[i] >> 8;
    out[i * 2 + 1] = full[i] & 0xff;
  }
  return true;
}

/** Canonical text of a 16-byte address. */
export function formatIp(bytes: Uint8Array): string {
  let mapped = bytes[10] === 0xff && bytes[11] === 0xff;
  for (let i = 0; i < 10 && mapped; i++) if (bytes[i] !== 0) mapped = false;
  if (mapped) return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[i * 2] << 8) | bytes[i * 2 + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestLen < 2) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/** Canonical text of `text`, or null when it is not an IP address. */
export function canonicalIp(text: string): string | null {
  const bytes = parseIp(text);
  return bytes === null ? null : formatIp(bytes);
}

/** Compares two canonical (or any valid) IP texts in ES doc-value order. */
export function compareIpText(a: string, b: string): number {
  const x = parseIp(a);
  const y = parseIp(b);
  if (x === null || y === null) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < 16; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}
