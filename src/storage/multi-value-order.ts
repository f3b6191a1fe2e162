import type { DataType } from '../compute/data-type.js';
import { compareIpText } from './ip-text.js';

/** One loaded value before it goes into a Block's value array. */
export type LoadedValue = number | bigint | string;

/**
 * Sorts (and for keyword/ip/version de-duplicates) the values of one multi-valued position the way
 * ES doc values return them. `text` has no doc values: ES reads it from _source, in source order.
 * Returns the same array when nothing changes.
 */
export function normalizeMultiValue(type: DataType, values: LoadedValue[]): LoadedValue[] {
  if (values.length < 2 || type === 'text') return values;
  const cmp = comparatorFor(type);
  values.sort(cmp);
  if (type !== 'keyword' && type !== 'ip' && type !== 'version') return values;
  let w = 1;
  for (let r = 1; r < values.length; r++) if (cmp(values[r], values[w - 1]) !== 0) values[w++] = values[r];
  values.length = w;
  return values;
}

function comparatorFor(type: DataType): (a: LoadedValue, b: LoadedValue) => number {
  switch (type) {
    case 'ip':
      return (a, b) => compareIpText(a as string, b as string);
    case 'version':
      return (a, b) => compareVersionText(a as string, b as string);
    case 'unsigned_long':
      return (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0);
    case 'keyword':
    case 'text':
      return (a, b) => compareUtf8(a as string, b as string);
    default:
      return (a, b) => (a as number) - (b as number);
  }
}

/** UTF-8 byte order (ES's BytesRef order), which is code point order, not UTF-16 unit order. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const SEMVER = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * ES `version` order: valid versions by numeric parts, a pre-release before its release; invalid
 * versions (`bad`) after every valid one, by bytes.
 */
export function compareVersionText(a: string, b: string): number {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (ma === null || mb === null) {
    if (ma !== null) return -1;
    if (mb !== null) return 1;
    return compareUtf8(a, b);
  }
  const pa = ma[1].split('.');
  const pb = mb[1].split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const d = compareNumericText(pa[i], pb[i]);
    if (d !== 0) return d;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  const ra = ma[2];
  const rb = mb[2];
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  const ia = ra.split('.');
  const ib = rb.split('.');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const na = /^\d+$/.test(ia[i]);
    const nb = /^\d+$/.test(ib[i]);
    const d = na && nb ? compareNumericText(ia[i], ib[i]) : na !== nb ? (na ? -1 : 1) : compareUtf8(ia[i], ib[i]);
    if (d !== 0) return d;
  }
  return ia.length - ib.length;
}

function compareNumericText(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}
