import { BlockBuilder } from './block-builder.js';
import type { Block, BlockValues } from './block.js';
import type { DataType } from './data-type.js';
import { NumberHash } from './number-hash.js';

/**
 * Dense ordinals for the distinct values of one group key (null included, as its own ordinal), in
 * first-seen order, with the values kept in a BlockBuilder at their ordinal. Numbers go through a
 * NumberHash (no boxing); strings and bigints through a Map (V8 caches string hashes).
 */
export class KeyOrdinals {
  private readonly builder: BlockBuilder;
  private readonly numbers: NumberHash | null;
  private readonly others: Map<string | bigint, number> | null;
  private nullOrd = -1;
  private count = 0;
  private chars = 0;

  constructor(readonly type: DataType) {
    this.builder = new BlockBuilder(type);
    const numeric = !(type === 'keyword' || type === 'text' || type === 'ip' || type === 'version' || type === 'unsigned_long');
    this.numbers = numeric ? new NumberHash() : null;
    this.others = numeric ? null : new Map();
  }

  get size(): number {
    return this.count;
  }

  estimatedBytes(): number {
    return (this.numbers?.bytes ?? this.count * 48) + this.count * 8 + this.chars * 2;
  }

  /** The values, one position per ordinal (a copy: hashing may continue). */
  build(): Block {
    return this.builder.build();
  }

  nullOrdinal(): number {
    if (this.nullOrd < 0) {
      this.nullOrd = this.count++;
      this.builder.appendNull();
    }
    return this.nullOrd;
  }

  /** Ordinal of value `vi` of `values` (a non-null value). */
  ordinal(values: BlockValues, vi: number): number {
    if (this.numbers !== null) {
      const v = (values as Float64Array)[vi];
      const before = this.numbers.size;
      const id = this.numbers.add(v);
      if (id === before) {
        this.count++;
        this.builder.appendNumber(v);
      }
      return this.fromHashId(id);
    }
    const v = (values as unknown as ArrayLike<string | bigint>)[vi];
    const map = this.others as Map<string | bigint, number>;
    let ord = map.get(v);
    if (ord === undefined) {
      ord = this.count++;
      map.set(v, ord);
      if (typeof v === 'string') {
        this.builder.appendString(v);
        this.chars += v.length;
      } else this.builder.appendBigInt(v);
    }
    return ord;
  }

  /** Ordinals of positions `0..n)` of a single-valued block into `out`. */
  addSingleValued(block: Block, n: number, out: Int32Array): void {
    const values = block.values;
    const nulls = block.nulls;
    if (values === null) {
      out.fill(this.nullOrdinal(), 0, n);
      return;
    }
    if (nulls === undefined) {
      if (this.numbers !== null) this.addNumbers(values as Float64Array, n, out);
      else if (Array.isArray(values)) this.addStrings(values, n, out);
      else for (let p = 0; p < n; p++) out[p] = this.ordinal(values, p);
      return;
    }
    for (let p = 0; p < n; p++) {
      out[p] = nulls !== undefined && nulls[p] === 1 ? this.nullOrdinal() : this.ordinal(values, p);
    }
  }

  /** The hot loop for numeric keys without nulls: one probe per row, no allocation. */
  private addNumbers(values: Float64Array, n: number, out: Int32Array): void {
    const hash = this.numbers as NumberHash;
    for (let p = 0; p < n; p++) {
      const v = values[p];
      const before = hash.size;
      const id = hash.add(v);
      if (id === before) {
        this.count++;
        this.builder.appendNumber(v);
      }
      out[p] = this.fromHashId(id);
    }
  }

  /** The hot loop for keyword-like keys without nulls: one Map probe per row. */
  private addStrings(values: string[], n: number, out: Int32Array): void {
    const map = this.others as Map<string | bigint, number>;
    for (let p = 0; p < n; p++) {
      const v = values[p];
      let ord = map.get(v);
      if (ord === undefined) {
        ord = this.count++;
        map.set(v, ord);
        this.builder.appendString(v);
        this.chars += v.length;
      }
      out[p] = ord;
    }
  }

  /**
   * Hash ids count only non-null values while ordinals also count the null ordinal; remember the
   * mapping once the null ordinal has been handed out between numbers.
   */
  private fromHashId(id: number): number {
    if (this.nullOrd < 0 || id < this.nullOrd) return id;
    return id + 1;
  }
}
