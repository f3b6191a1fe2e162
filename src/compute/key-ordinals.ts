import { BlockBuilder } from './block-builder.js';
import type { Block, BlockDictionary, BlockValues } from './block.js';
import type { DataType } from './data-type.js';
import { NumberHash } from './number-hash.js';

/** Per-row codes that index a direct table: an integer block's values or a dictionary's ordinals. */
export type DirectCodes = Int32Array | Uint16Array;

/** integer keys below this skip the hash through a direct table (256 KB at most). */
const SMALL_INT_LIMIT = 65_536;

/**
 * Dense ordinals for the distinct values of one group key (null included, as its own ordinal), in
 * first-seen order, with the values kept in a BlockBuilder at their ordinal. Numbers go through a
 * NumberHash (no boxing); strings and bigints through a Map (V8 caches string hashes). A dictionary
 * block hashes each of its terms at most once: a per-dictionary table maps its ordinals to ours.
 */
export class KeyOrdinals {
  private readonly builder: BlockBuilder;
  private readonly numbers: NumberHash | null;
  private readonly others: Map<string | bigint, number> | null;
  private nullOrd = -1;
  private count = 0;
  private chars = 0;
  /** Key ordinal of each small non-negative integer seen (-1: not yet), so such keys skip hashing. */
  private smallInts: Int32Array = new Int32Array(0);
  /** Per term list seen (by identity): term ordinal -> key ordinal, -1 until that term first appears. */
  private readonly dictionaryMaps = new Map<readonly string[], Int32Array>();

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
    let bytes = (this.numbers?.bytes ?? this.count * 48) + this.count * 8 + this.chars * 2;
    for (const m of this.dictionaryMaps.values()) bytes += m.byteLength;
    bytes += this.smallInts.byteLength;
    return bytes;
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

  /** Ordinal of value `vi` of a dictionary block (a non-null value). */
  dictionaryOrdinal(d: BlockDictionary, vi: number): number {
    const map = this.dictionaryMap(d.terms);
    const o = d.ordinals[vi];
    let k = map[o];
    if (k < 0) k = map[o] = this.ordinal(d.terms as string[], o);
    return k;
  }

  /**
   * The per-row codes of a single-valued block without nulls whose ordinals come from a direct table
   * (see directTable): a dictionary block's term ordinals, or an integer block's values. Null for
   * any other block. Lets BlockHash compute composite group ids in one pass over several keys.
   */
  directCodes(block: Block): DirectCodes | null {
    if (block.nulls !== undefined || block.firstValueIndexes !== undefined) return null;
    if (block.dictionary !== undefined) return this.others === null ? null : block.dictionary.ordinals;
    return this.numbers !== null && block.values instanceof Int32Array ? block.values : null;
  }

  /**
   * code -> key ordinal for the codes of directCodes(block), -1 (or out of range) where the code has
   * no ordinal yet: those rows must go through addSingleValued once. Only valid until the next add.
   */
  directTable(block: Block): Int32Array {
    return block.dictionary === undefined ? this.smallInts : this.dictionaryMap(block.dictionary.terms);
  }

  /** Ordinals of positions `0..n)` of a single-valued block into `out`. */
  addSingleValued(block: Block, n: number, out: Int32Array): void {
    const nulls = block.nulls;
    if (block.dictionary !== undefined && this.others !== null) {
      this.addDictionary(block.dictionary, nulls, n, out);
      return;
    }
    const values = block.values;
    if (values === null) {
      out.fill(this.nullOrdinal(), 0, n);
      return;
    }
    if (nulls === undefined) {
      if (this.numbers !== null && values instanceof Int32Array) this.addInts(values, n, out);
      else if (this.numbers !== null) this.addNumbers(values as Float64Array, n, out);
      else if (Array.isArray(values)) this.addStrings(values, n, out);
      else for (let p = 0; p < n; p++) out[p] = this.ordinal(values, p);
      return;
    }
    for (let p = 0; p < n; p++) {
      out[p] = nulls !== undefined && nulls[p] === 1 ? this.nullOrdinal() : this.ordinal(values, p);
    }
  }

  /** A single-valued dictionary block: one typed-array read per row, a hash only for a term's first row. */
  private addDictionary(d: BlockDictionary, nulls: Uint8Array | undefined, n: number, out: Int32Array): void {
    const map = this.dictionaryMap(d.terms);
    const ords = d.ordinals;
    if (nulls === undefined) {
      // The hot pass, no call in the loop: every term already has a key ordinal (-1 marks one that has not).
      let unresolved = 0;
      for (let p = 0; p < n; p++) {
        const k = map[ords[p]];
        out[p] = k;
        unresolved |= k;
      }
      if (unresolved >= 0) return;
    }
    // Some term is new in this page (or there are nulls, whose placeholder NULL_ORDINAL indexes nothing).
    const terms = d.terms as string[];
    for (let p = 0; p < n; p++) {
      if (nulls !== undefined && nulls[p] === 1) {
        out[p] = this.nullOrdinal();
        continue;
      }
      const o = ords[p];
      let k = map[o];
      if (k < 0) k = map[o] = this.ordinal(terms, o);
      out[p] = k;
    }
  }

  /** The ordinal table of a term list, grown (with -1) to its current length: term lists only grow. */
  private dictionaryMap(terms: readonly string[]): Int32Array {
    let map = this.dictionaryMaps.get(terms);
    if (map === undefined || map.length < terms.length) {
      const grown = new Int32Array(terms.length).fill(-1);
      if (map !== undefined) grown.set(map);
      map = grown;
      this.dictionaryMaps.set(terms, map);
    }
    return map;
  }

  /**
   * integer keys without nulls: values in [0, SMALL_INT_LIMIT) (status codes, years, small counts)
   * are looked up in a direct table; others, and each small value's first row, go through the hash.
   * A value's ordinal never changes once given, so the table can cache it.
   */
  private addInts(values: Int32Array, n: number, out: Int32Array): void {
    // The hot pass, no call in the loop: every value already in the table (-1 marks a miss).
    const cached = this.smallInts;
    const size = cached.length;
    let miss = 0;
    for (let p = 0; p < n; p++) {
      const v = values[p];
      const k = v >>> 0 < size ? cached[v] : -1;
      out[p] = k;
      miss |= k;
    }
    if (miss >= 0) return;
    let table = cached;
    for (let p = 0; p < n; p++) {
      if (out[p] >= 0) continue;
      const v = values[p];
      const k = v >>> 0 < table.length && table[v] >= 0 ? table[v] : this.ordinal(values, p);
      if (v >= 0 && v < SMALL_INT_LIMIT) {
        if (v >= table.length) table = this.growSmallInts(v);
        table[v] = k;
      }
      out[p] = k;
    }
  }

  private growSmallInts(v: number): Int32Array {
    let size = Math.max(64, this.smallInts.length);
    while (size <= v) size *= 2;
    const grown = new Int32Array(Math.min(size, SMALL_INT_LIMIT)).fill(-1);
    grown.set(this.smallInts);
    this.smallInts = grown;
    return grown;
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
