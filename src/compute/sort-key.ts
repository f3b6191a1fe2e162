import type { Block } from './block.js';
import type { DataType } from './data-type.js';
import { compareUtf8, compareVersion, ipSortKey } from './value-order.js';

/** One SORT key: which channel, its type, direction and where nulls go. */
export interface SortKey {
  readonly channel: number;
  readonly type: DataType;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

export const describeSortKeys = (keys: readonly SortKey[]): string =>
  `[${keys.map((k) => `SortOrder[channel=${k.channel}, asc=${k.asc}, nullsFirst=${k.nullsFirst}]`).join(', ')}]`;

type Kind = 'num' | 'big' | 'utf8' | 'ascii' | 'version' | 'null';

const kindOf = (t: DataType): Kind => {
  switch (t) {
    case 'unsigned_long':
      return 'big';
    case 'keyword':
    case 'text':
      return 'utf8';
    case 'ip':
      return 'ascii';
    case 'version':
      return 'version';
    case 'null':
      return 'null';
    default:
      return 'num';
  }
};

/**
 * The sort key of every buffered row, one column per key. Multi-valued keys are reduced to their
 * min (ASC) or max (DESC) as ES does; ip is stored as its hex sort key so a plain `<` orders it.
 */
export class SortKeyColumn {
  readonly kind: Kind;
  num = new Float64Array(1024);
  big = new BigUint64Array(0);
  str: string[] = [];
  nulls = new Uint8Array(1024);

  constructor(readonly key: SortKey) {
    this.kind = kindOf(key.type);
    if (this.kind === 'big') this.big = new BigUint64Array(1024);
    if (this.kind !== 'num') this.num = new Float64Array(0);
  }

  ensure(capacity: number): void {
    if (capacity <= this.nulls.length) return;
    const n = Math.max(capacity, this.nulls.length * 2);
    const nulls = new Uint8Array(n);
    nulls.set(this.nulls);
    this.nulls = nulls;
    if (this.kind === 'num') {
      const num = new Float64Array(n);
      num.set(this.num);
      this.num = num;
    } else if (this.kind === 'big') {
      const big = new BigUint64Array(n);
      big.set(this.big);
      this.big = big;
    }
  }

  /** Write the keys of positions `0..n)` of `block` at rows `at..at+n)`. */
  extract(block: Block, at: number, n: number): void {
    const nulls = this.nulls;
    const bn = block.nulls;
    const f = block.firstValueIndexes;
    const asc = this.key.asc;
    for (let p = 0; p < n; p++) {
      const r = at + p;
      if (this.kind === 'null' || block.values === null || (bn !== undefined && bn[p] === 1)) {
        nulls[r] = 1;
        // Keep the string column packed (no holes) so V8 keeps it a fast array.
        if (this.kind !== 'num' && this.kind !== 'big') this.str[r] = '';
        continue;
      }
      nulls[r] = 0;
      let vi = p;
      if (f !== undefined) {
        const start = f[p];
        const end = f[p + 1];
        vi = block.mvSorted ? (asc ? start : end - 1) : this.pick(block, start, end, asc);
      }
      switch (this.kind) {
        case 'num':
          this.num[r] = (block.values as Float64Array)[vi];
          break;
        case 'big':
          this.big[r] = (block.values as BigUint64Array)[vi];
          break;
        case 'ascii':
          this.str[r] = ipSortKey((block.values as string[])[vi]);
          break;
        default:
          this.str[r] = (block.values as string[])[vi];
      }
    }
  }

  /** Index of the min (asc) or max (desc) value in `start..end)`. */
  private pick(block: Block, start: number, end: number, asc: boolean): number {
    let best = start;
    for (let i = start + 1; i < end; i++) {
      const c = this.compareRaw(block.values as ArrayLike<unknown>, i, best);
      if (asc ? c < 0 : c > 0) best = i;
    }
    return best;
  }

  private compareRaw(values: ArrayLike<unknown>, i: number, j: number): number {
    const a = values[i];
    const b = values[j];
    if (this.kind === 'utf8') return compareUtf8(a as string, b as string);
    if (this.kind === 'version') return compareVersion(a as string, b as string);
    if (this.kind === 'ascii') {
      const x = ipSortKey(a as string);
      const y = ipSortKey(b as string);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }

  /** Compare rows a and b on this key, direction and null placement applied; 0 when equal. */
  compare(a: number, b: number): number {
    const na = this.nulls[a];
    const nb = this.nulls[b];
    if ((na | nb) !== 0) {
      if (na === nb) return 0;
      return (na === 1) === this.key.nullsFirst ? -1 : 1;
    }
    let c: number;
    switch (this.kind) {
      case 'num': {
        const x = this.num[a];
        const y = this.num[b];
        c = x < y ? -1 : x > y ? 1 : 0;
        break;
      }
      case 'big': {
        const x = this.big[a];
        const y = this.big[b];
        c = x < y ? -1 : x > y ? 1 : 0;
        break;
      }
      case 'utf8':
        c = compareUtf8(this.str[a], this.str[b]);
        break;
      case 'version':
        c = compareVersion(this.str[a], this.str[b]);
        break;
      case 'ascii': {
        const x = this.str[a];
        const y = this.str[b];
        c = x < y ? -1 : x > y ? 1 : 0;
        break;
      }
      default:
        c = 0;
    }
    return this.key.asc ? c : -c;
  }

  bytesPerRow(): number {
    return this.kind === 'num' || this.kind === 'big' ? 9 : 9 + 8;
  }
}
