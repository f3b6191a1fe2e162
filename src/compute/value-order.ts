import type { Scalar } from './block-builder.js';
import type { DataType } from './data-type.js';

/**
 * Orders of raw Block values per DataType, as ES sorts them: numbers numerically, keyword/text by
 * UTF-8 bytes, ip by the 16-byte (IPv4-mapped) address, version by semver-ish precedence, booleans
 * false < true. All comparators return <0, 0 or >0.
 */
export type ValueComparator = (a: Scalar, b: Scalar) => number;

export const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

export const compareBigInts = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * UTF-8 byte order = code point order. JS `<` compares UTF-16 units, which differs only when a
 * surrogate (U+D800..DFFF) meets U+E000..FFFF at the first difference; fix that case up.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

const IP_CACHE_LIMIT = 100_000;
const ipKeys = new Map<string, string>();

/**
 * A string that sorts like the 16-byte address: 32 lowercase hex digits, IPv4 mapped into
 * ::ffff:0:0/96 as ES stores it. Unparseable text sorts after every address.
 */
export function ipSortKey(ip: string): string {
  let k = ipKeys.get(ip);
  if (k !== undefined) return k;
  const bytes = parseIp(ip);
  k = bytes === null ? `~${ip}` : Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  if (ipKeys.size >= IP_CACHE_LIMIT) ipKeys.clear();
  ipKeys.set(ip, k);
  return k;
}

export function compareIp(a: string, b: string): number {
  if (a === b) return 0;
  const x = ipSortKey(a);
  const y = ipSortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The 16 bytes of an IPv4 or IPv6 address in text form, or null if it is not one. */
export function parseIp(ip: string): Uint8Array | null {
  const out = new Uint8Array(16);
  if (!ip.includes(':')) {
    const v4 = parseIpv4(ip);
    if (v4 === null) return null;
    out[10] = 0xff;
    out[11] = 0xff;
    out.set(v4, 12);
    return out;
  }
  let text = ip;
  const pct = text.indexOf('%');
  if (pct >= 0) text = text.slice(0, pct);
  const groups: number[] = [];
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseHalf = (s: string): number[] | null => {
    if (s === '') return [];
    const res: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 === null) return null;
        res.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        res.push(parseInt(p, 16));
      }
    }
    return res;
  };
  const head = parseHalf(halves[0]);
  const tail = halves.length === 2 ? parseHalf(halves[1]) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1 && head.length !== 8) return null;
  if (halves.length === 2 && head.length + tail.length > 7) return null;
  groups.push(...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i] >> 8;
    out[2 * i + 1] = groups[i] & 0xff;
  }
  return out;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

interface ParsedVersion {
  readonly valid: boolean;
  readonly main: readonly number[];
  readonly pre: readonly (number | string)[] | null;
  readonly build: string;
  readonly text: string;
}

const VERSION_RE = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const versions = new Map<string, ParsedVersion>();

function parseVersion(text: string): ParsedVersion {
  let v = versions.get(text);
  if (v !== undefined) return v;
  const m = VERSION_RE.exec(text);
  if (m === null) v = { valid: false, main: [], pre: null, build: '', text };
  else {
    const pre = m[2] === undefined ? null : m[2].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id));
    v = { valid: true, main: m[1].split('.').map(Number), pre, build: m[3] ?? '', text };
  }
  if (versions.size >= IP_CACHE_LIMIT) versions.clear();
  versions.set(text, v);
  return v;
}

/**
 * Semver-ish precedence as ES's version type: numeric parts numerically (`2.12.0 > 2.3.4`), a
 * prerelease before its release (`1.0.0-SNAPSHOT < 1.0.0`), prerelease identifiers numeric before
 * alphanumeric, build metadata as a last tie-break; text that is not a version sorts after all
 * versions, by UTF-8 bytes.
 */
export function compareVersion(a: string, b: string): number {
  if (a === b) return 0;
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x.valid || !y.valid) {
    if (x.valid) return -1;
    if (y.valid) return 1;
    return compareUtf8(a, b);
  }
  const n = Math.min(x.main.length, y.main.length);
  for (let i = 0; i < n; i++) if (x.main[i] !== y.main[i]) return x.main[i] < y.main[i] ? -1 : 1;
  if (x.main.length !== y.main.length) return x.main.length - y.main.length;
  if (x.pre === null || y.pre === null) {
    if (x.pre !== y.pre) return x.pre === null ? 1 : -1;
  } else {
    const c = comparePrerelease(x.pre, y.pre);
    if (c !== 0) return c;
  }
  return compareUtf8(x.build, y.build);
}

function comparePrerelease(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const p = a[i];
    const q = b[i];
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return compareUtf8(p, q);
  }
  return a.length - b.length;
}

export const compareBooleans = (a: number | boolean, b: number | boolean): number => Number(a) - Number(b);

/** The comparator for raw values of `type` (as stored in Block.values). */
export function valueComparator(type: DataType): ValueComparator {
  switch (type) {
    case 'boolean':
    case 'integer':
    case 'long':
    case 'double':
    case 'datetime':
      return compareNumbers as unknown as ValueComparator;
    case 'unsigned_long':
      return compareBigInts as unknown as ValueComparator;
    case 'keyword':
    case 'text':
      return compareUtf8 as unknown as ValueComparator;
    case 'ip':
      return compareIp as unknown as ValueComparator;
    case 'version':
      return compareVersion as unknown as ValueComparator;
    case 'null':
      return () => 0;
  }
}
