import { MAX_DICTIONARY_TERMS, NULL_ORDINAL } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';

/** A column stops growing its dictionary past this many terms (16-bit ordinals); later new terms stay plain strings. */
export { MAX_DICTIONARY_TERMS };

/** The string types a loader may store in dictionary form. */
export const isDictionaryType = (type: DataType): boolean =>
  type === 'keyword' || type === 'text' || type === 'ip' || type === 'version';

/**
 * The one term list of a stored string column, shared by all its segments (so per-dictionary caches
 * of a query hit on every page). Append-only: a sealed segment's ordinals stay valid while loading
 * goes on. A block is encoded only when that pays: at most half as many distinct values as values,
 * and the column's terms stay within MAX_DICTIONARY_TERMS; otherwise it stays plain strings.
 */
export class ColumnDictionary {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Per ordinal, the last encode() call that saw it: counts a block's distinct values without a Set. */
  private seen = new Int32Array(64);
  private stamp = 0;

  /**
   * Ordinals of `values[i]` into `out[i]`, skipping positions with `nulls[i] === 1` (they get
   * NULL_ORDINAL). Returns false, adding no term, when this block should stay plain (`out` is then
   * partly written).
   */
  encode(values: readonly string[], nulls: Uint8Array | undefined, out: Uint16Array): boolean {
    const stamp = ++this.stamp;
    const pending = new Map<string, number>();
    let distinct = 0;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      if (nulls !== undefined && nulls[i] === 1) {
        out[i] = NULL_ORDINAL;
        continue;
      }
      count++;
      const v = values[i];
      let o = this.ids.get(v) ?? pending.get(v);
      if (o === undefined) {
        o = this.terms.length + pending.size;
        // Past the cap an ordinal would not fit in 16 bits (or would collide with NULL_ORDINAL).
        if (o >= MAX_DICTIONARY_TERMS) return false;
        pending.set(v, o);
      }
      out[i] = o;
      if (o >= this.seen.length) this.growSeen(o);
      if (this.seen[o] !== stamp) {
        this.seen[o] = stamp;
        distinct++;
      }
    }
    if (distinct * 2 > count) return false;
    for (const [term, o] of pending) {
      this.ids.set(term, o);
      this.terms.push(term);
    }
    return true;
  }

  private growSeen(o: number): void {
    const g = new Int32Array(Math.max(o + 1, this.seen.length * 2));
    g.set(this.seen);
    this.seen = g;
  }
}
