import { filterBlock } from './block-filter.js';
import type { Block } from './block.js';
import type { DataType } from './data-type.js';
import { KeyOrdinals } from './key-ordinals.js';
import { NumberHash } from './number-hash.js';
import { PairCache } from './pair-cache.js';
import type { Page } from './page.js';

/** One BY key of a STATS: its channel in the input page and its type. */
export interface GroupKey {
  readonly channel: number;
  readonly type: DataType;
}

/**
 * Group ids for one page. `positions === null`: position p goes to `groupIds[p]` (one group per
 * row). Otherwise a multi-valued key sent some rows to several groups: entry i is row
 * `positions[i]` going to group `groupIds[i]`, for `count` entries. Valid until the next add():
 * the arrays of single-valued pages are reused (a page's worth of ids is not worth a fresh buffer).
 */
export interface GroupAssignment {
  readonly groupIds: Int32Array;
  readonly positions: Int32Array | null;
  readonly count: number;
}

/** At most this many pages in a row skip the one-pass two-key fold after it kept missing. */
const MAX_FUSED_PAUSE = 64;

/** Pair keys are `left * PAIR_SHIFT + right`: exact in a double while ordinals stay below 2^26. */
const PAIR_SHIFT = 2 ** 26;

/**
 * Assigns dense group ids (0, 1, 2, ... in first-seen order) to the keys of each page, ES's BlockHash.
 * Each key is first turned into ordinals of its distinct values (null is one of them); one key's
 * ordinals are the group ids. Several keys are folded pairwise, `(ordinal0, ordinal1) -> id01`,
 * `(id01, ordinal2) -> id012`, through numeric hashes: no string or tuple is built per row.
 * A multi-valued key sends the row to the group of each of its distinct values (the cartesian
 * product for several keys), as ES does.
 */
export class BlockHash {
  private readonly ordinals: KeyOrdinals[];
  /** pairs[k - 1] combines the fold of keys 0..k-1 with key k. */
  private readonly pairs: NumberHash[];
  /** pairCaches[k - 1]: a direct (left, right) -> id table in front of pairs[k - 1] while both are small. */
  private readonly pairCaches: PairCache[];
  /** Per key, the ordinal of each final group (composite keys only). */
  private groupOrdinals: Int32Array[];
  private groups = 0;
  /** components[k - 1]: (left, right) of each fold id of level k, for levels before the last. */
  private readonly components: Int32Array[] = [];
  private readonly rowOrdinals: Int32Array[];
  private readonly rowCounts: Int32Array;
  /** Reused per single-valued page: the group ids handed out, and one key's ordinals while folding. */
  private ids = new Int32Array(0);
  private scratch = new Int32Array(0);
  /** The key blocks of the page being added (reused). */
  private readonly blocks: Block[];
  /** Two-key pages left to add the slow way before trying the one-pass fold again, and the next such pause. */
  private fusedPause = 0;
  private fusedBackoff = 1;

  constructor(readonly keys: readonly GroupKey[]) {
    this.ordinals = keys.map((k) => new KeyOrdinals(k.type));
    this.pairs = keys.slice(1).map(() => new NumberHash());
    this.pairCaches = keys.slice(1).map(() => new PairCache());
    this.groupOrdinals = keys.length > 1 ? keys.map(() => new Int32Array(1024)) : [];
    this.rowOrdinals = keys.map(() => new Int32Array(16));
    this.rowCounts = new Int32Array(keys.length);
    this.blocks = new Array<Block>(keys.length);
  }

  get groupCount(): number {
    return this.keys.length === 1 ? this.ordinals[0].size : this.groups;
  }

  add(page: Page): GroupAssignment {
    const n = page.positionCount;
    const blocks = this.blocks;
    let singleValued = true;
    for (let k = 0; k < blocks.length; k++) {
      blocks[k] = page.blocks[this.keys[k].channel];
      if (blocks[k].firstValueIndexes !== undefined) singleValued = false;
    }
    if (singleValued) {
      if (this.ids.length < n) this.ids = new Int32Array(n);
      const ids = this.ids.length === n ? this.ids : this.ids.subarray(0, n);
      if (blocks.length === 2 && this.foldPairDirect(blocks, n, ids)) return { groupIds: ids, positions: null, count: n };
      this.ordinals[0].addSingleValued(blocks[0], n, ids);
      if (blocks.length === 1) return { groupIds: ids, positions: null, count: n };
      if (this.scratch.length < n) this.scratch = new Int32Array(n);
      const scratch = this.scratch;
      for (let k = 1; k < blocks.length; k++) {
        this.ordinals[k].addSingleValued(blocks[k], n, scratch);
        this.foldColumn(k, ids, scratch, n, blocks.length === k + 1);
      }
      return { groupIds: ids, positions: null, count: n };
    }
    return this.addMultiValued(blocks, n);
  }

  /** One key block per key, `groupCount` positions each, in group id order; copies. */
  keyBlocks(): Block[] {
    if (this.keys.length === 1) return [this.ordinals[0].build()];
    return this.ordinals.map((o, k) => filterBlock(o.build(), this.groupOrdinals[k], this.groups));
  }

  estimatedBytes(): number {
    let bytes = 0;
    for (const o of this.ordinals) bytes += o.estimatedBytes();
    for (const p of this.pairs) bytes += p.bytes;
    for (const c of this.pairCaches) bytes += c.bytes;
    bytes += this.ids.byteLength + this.scratch.byteLength;
    return bytes + this.groups * 4 * this.groupOrdinals.length;
  }

  /**
   * Two keys whose ordinals come from direct tables (dictionary terms, small integers) and whose
   * pairs fit the pair cache: every row's group id in one pass, no per-key ordinal column. False
   * when not applicable or some value or pair is new; the caller then takes the per-key path, which
   * records what was new. After a miss the next pages skip this try, longer each time it misses.
   */
  private foldPairDirect(blocks: Block[], n: number, ids: Int32Array): boolean {
    if (this.fusedPause > 0) {
      this.fusedPause--;
      return false;
    }
    const [left, right] = this.ordinals;
    const leftCodes = left.directCodes(blocks[0]);
    const rightCodes = right.directCodes(blocks[1]);
    if (leftCodes === null || rightCodes === null) return this.pauseFused();
    const cache = this.pairCaches[0];
    if (!cache.cover(left.size, right.size)) return this.pauseFused();
    if (!cache.foldCodes(leftCodes, left.directTable(blocks[0]), rightCodes, right.directTable(blocks[1]), ids, n)) {
      return this.pauseFused();
    }
    this.fusedBackoff = 1;
    return true;
  }

  private pauseFused(): false {
    this.fusedPause = this.fusedBackoff;
    this.fusedBackoff = Math.min(2 * this.fusedBackoff, MAX_FUSED_PAUSE);
    return false;
  }

  /** ids[p] = pair(ids[p], ords[p]): the fold step for key k over a whole column. */
  private foldColumn(k: number, ids: Int32Array, ords: Int32Array, n: number, last: boolean): void {
    const hash = this.pairs[k - 1];
    const cache = this.pairCaches[k - 1];
    // Runs of cached pairs fold in the cache's own loop; a miss goes through the hash once, then is cached.
    for (let p = cache.foldCached(ids, ords, 0, n); p < n; p = cache.foldCached(ids, ords, p + 1, n)) {
      const left = ids[p];
      const right = ords[p];
      const before = hash.size;
      const id = hash.add(left * PAIR_SHIFT + right);
      if (id === before) this.onNewPair(k, id, left, right, last);
      cache.set(left, right, id);
      ids[p] = id;
    }
  }

  /** Fold `(left, right)` for key k (mv path). */
  private pairId(k: number, left: number, right: number, last: boolean): number {
    const hash = this.pairs[k - 1];
    const before = hash.size;
    const id = hash.add(left * PAIR_SHIFT + right);
    if (id === before) this.onNewPair(k, id, left, right, last);
    return id;
  }

  /**
   * A new fold id. Intermediate levels remember their (left, right) so the last level can recover
   * every key's ordinal when it creates a group (once per group, so the small arrays are fine).
   */
  private onNewPair(k: number, id: number, left: number, right: number, last: boolean): void {
    if (!last) {
      let comps = this.components[k - 1];
      if (comps === undefined || comps.length < 2 * (id + 1)) {
        comps = grow(comps ?? new Int32Array(0), Math.max(64, 4 * (id + 1)));
        this.components[k - 1] = comps;
      }
      comps[2 * id] = left;
      comps[2 * id + 1] = right;
      return;
    }
    const ords = this.unfold(left, k - 1);
    ords.push(right);
    const g = this.groups++;
    if (g >= this.groupOrdinals[0].length) this.groupOrdinals = this.groupOrdinals.map((a) => grow(a, a.length * 2));
    for (let j = 0; j < ords.length; j++) this.groupOrdinals[j][g] = ords[j];
  }

  /** Ordinals of keys 0..level of fold id `id` at that level (level 0: key 0's ordinal). */
  private unfold(id: number, level: number): number[] {
    if (level === 0) return [id];
    const comps = this.components[level - 1];
    const out = this.unfold(comps[2 * id], level - 1);
    out.push(comps[2 * id + 1]);
    return out;
  }

  private addMultiValued(blocks: Block[], n: number): GroupAssignment {
    let groupIds: Int32Array = new Int32Array(n);
    let positions: Int32Array = new Int32Array(n);
    let count = 0;
    const nk = blocks.length;
    const idx = new Int32Array(nk);
    for (let p = 0; p < n; p++) {
      let combos = 1;
      for (let k = 0; k < nk; k++) combos *= this.readRowOrdinals(k, blocks[k], p);
      if (count + combos > groupIds.length) {
        const size = Math.max(count + combos, groupIds.length * 2);
        groupIds = grow(groupIds, size);
        positions = grow(positions, size);
      }
      const rowStart = count;
      idx.fill(0);
      for (let c = 0; c < combos; c++) {
        let id = this.rowOrdinals[0][idx[0]];
        for (let k = 1; k < nk; k++) id = this.pairId(k, id, this.rowOrdinals[k][idx[k]], k === nk - 1);
        let seen = false;
        for (let i = rowStart; i < count; i++) if (groupIds[i] === id) seen = true;
        if (!seen) {
          groupIds[count] = id;
          positions[count++] = p;
        }
        for (let k = nk - 1; k >= 0; k--) {
          if (++idx[k] < this.rowCounts[k]) break;
          idx[k] = 0;
        }
      }
    }
    return { groupIds, positions, count };
  }

  /** The distinct-value ordinals of position p of key k into rowOrdinals[k]; returns how many. */
  private readRowOrdinals(k: number, block: Block, p: number): number {
    const ko = this.ordinals[k];
    let out = this.rowOrdinals[k];
    let n = 0;
    const d = block.dictionary;
    if ((d === undefined && block.values === null) || (block.nulls !== undefined && block.nulls[p] === 1)) {
      out[n++] = ko.nullOrdinal();
    } else {
      const f = block.firstValueIndexes;
      const start = f === undefined ? p : f[p];
      const end = f === undefined ? p + 1 : f[p + 1];
      if (end - start > out.length) out = this.rowOrdinals[k] = new Int32Array(2 * (end - start));
      if (d !== undefined) for (let i = start; i < end; i++) out[n++] = ko.dictionaryOrdinal(d, i);
      else for (let i = start; i < end; i++) out[n++] = ko.ordinal(block.values, i);
    }
    this.rowCounts[k] = n;
    return n;
  }
}

function grow(a: Int32Array, size: number): Int32Array {
  const g = new Int32Array(size);
  g.set(a);
  return g;
}
