import type { Block, BlockDictionary } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import { LiteralEvaluator } from './literal-evaluator.js';

/**
 * `keyword == "literal"`, `!=` and `IN (literals)` on a dictionary block: the literal becomes an ordinal
 * once per term list, then rows compare ints. Single-valued blocks only (a multi-value is null plus a
 * warning, which the generic paths produce); nulls stay null, as in ComparisonEvaluator / InEvaluator.
 */

/**
 * A single-valued keyword/text dictionary block (nulls allowed): the fast paths below apply. Equal
 * keyword/text values are identical strings; ip and version keep their own comparison rules.
 */
export const isKeywordDictionary = (b: Block): boolean =>
  b.dictionary !== undefined && b.firstValueIndexes === undefined && (b.type === 'keyword' || b.type === 'text');

/** Ordinal in a term list never matched by a row (nor by a null placeholder, NULL_ORDINAL). */
const ABSENT = -1;

/** term -> ordinal per term list, extended as the list grows (term lists are append-only). */
const reverseIndexes = new WeakMap<readonly string[], { readonly ordinals: Map<string, number>; length: number }>();

/** The ordinal of `term` in `terms`, or ABSENT. */
export function ordinalOf(terms: readonly string[], term: string): number {
  let index = reverseIndexes.get(terms);
  if (index === undefined) {
    index = { ordinals: new Map(), length: 0 };
    reverseIndexes.set(terms, index);
  }
  for (; index.length < terms.length; index.length++) {
    if (!index.ordinals.has(terms[index.length])) index.ordinals.set(terms[index.length], index.length);
  }
  return index.ordinals.get(term) ?? ABSENT;
}

/**
 * WHERE `b == k` (`!=` when `negate`): the matching positions into `out`; returns how many.
 * Branch-free unless `branchy` (the caller expects almost all or almost none of the rows to match, as
 * `host == "host-42"` among a thousand hosts does): then a predicted branch beats a store per row.
 */
export function selectDictionaryEquals(b: Block, k: string, negate: boolean, out: Int32Array, n: number, branchy: boolean): number {
  const d = b.dictionary as BlockDictionary;
  const target = ordinalOf(d.terms, k);
  const ords = d.ordinals;
  const nulls = b.nulls;
  let c = 0;
  if (!negate) {
    // No row holds an absent term; null placeholders hold NULL_ORDINAL, never a target: no null check needed.
    if (target === ABSENT) return 0;
    if (branchy) return selectRareOrdinal(ords, target, out, n);
    for (let p = 0; p < n; p++) {
      out[c] = p;
      c += +(ords[p] === target);
    }
  } else if (nulls === undefined) {
    for (let p = 0; p < n; p++) {
      out[c] = p;
      c += +(ords[p] !== target);
    }
  } else {
    for (let p = 0; p < n; p++) {
      out[c] = p;
      c += +(ords[p] !== target) & (1 - nulls[p]);
    }
  }
  return c;
}

/** One bit per 16-bit lane of an int32 word: its top bit, set by haszero() where the lane is zero. */
const LANE_TOPS = 0x80008000 | 0;
const LANE_ONES = 0x00010001;

/**
 * The positions p < n where `ords[p] === target`, for a target that few rows hold: two 32-bit words
 * (four ordinals) per step, tested at once for a lane equal to the target (the "has a zero lane" bit
 * trick on `word ^ target-in-both-lanes`, exact for "any lane"); only a word pair with a hit is looked
 * at ordinal by ordinal. Half the loads and branches of a per-ordinal loop. Needs the ordinals 4-byte
 * aligned in their buffer (stored segments are; a slice at an odd position takes the plain loop).
 */
function selectRareOrdinal(ords: Uint16Array, target: number, out: Int32Array, n: number): number {
  let c = 0;
  let from = 0;
  if ((ords.byteOffset & 3) === 0) {
    const quads = n >> 2;
    const words = new Int32Array(ords.buffer, ords.byteOffset, quads << 1);
    const pattern = target | (target << 16);
    // Past this many matches the rows are not rare after all: the plain loop finishes the page.
    const dense = n >> 4;
    let i = 0;
    for (; i < quads; i++) {
      const x = words[2 * i] ^ pattern;
      const y = words[2 * i + 1] ^ pattern;
      if (((((x - LANE_ONES) & ~x) | ((y - LANE_ONES) & ~y)) & LANE_TOPS) !== 0) {
        for (let p = i << 2, end = p + 4; p < end; p++) if (ords[p] === target) out[c++] = p;
        if (c > dense) {
          i++;
          break;
        }
      }
    }
    from = i << 2;
  }
  for (let p = from; p < n; p++) if (ords[p] === target) out[c++] = p;
  return c;
}

/** Of `positions[0..count)`, those where `b == k` (`!=` when `negate`), into `out` (may alias); branch-free. */
export function refineDictionaryEquals(b: Block, k: string, negate: boolean, positions: Int32Array, count: number, out: Int32Array): number {
  const d = b.dictionary as BlockDictionary;
  const target = ordinalOf(d.terms, k);
  const ords = d.ordinals;
  const nulls = b.nulls;
  let c = 0;
  if (!negate) {
    if (target === ABSENT) return 0;
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      out[c] = p;
      c += +(ords[p] === target);
    }
  } else if (nulls === undefined) {
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      out[c] = p;
      c += +(ords[p] !== target);
    }
  } else {
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      out[c] = p;
      c += +(ords[p] !== target) & (1 - nulls[p]);
    }
  }
  return c;
}

/** `b == k` (`!=` when `negate`) as a boolean block. */
export function dictionaryEquals(b: Block, k: string, negate: boolean, n: number): Block {
  const d = b.dictionary as BlockDictionary;
  const target = ordinalOf(d.terms, k);
  const ords = d.ordinals;
  const hit = negate ? 0 : 1;
  const values = new Uint8Array(n);
  for (let p = 0; p < n; p++) values[p] = ords[p] === target ? hit : 1 - hit;
  return withNulls(values, b.nulls, n);
}

/** Every list element is a non-null, single-valued string literal: `IN` can work on ordinals. */
export function allStringLiterals(list: readonly ExpressionEvaluator[], page: Page): boolean {
  for (const e of list) {
    if (!(e instanceof LiteralEvaluator)) return false;
    const b = e.eval(page);
    if (b.nulls !== undefined || b.firstValueIndexes !== undefined || !Array.isArray(b.values) || b.positionCount === 0) return false;
  }
  return true;
}

/** `b [NOT] IN (literals)` for string literals (see allStringLiterals): a match table over ordinals. */
export function dictionaryIn(b: Block, list: readonly ExpressionEvaluator[], page: Page, negated: boolean): Block {
  const d = b.dictionary as BlockDictionary;
  const n = page.positionCount;
  const size = d.terms.length;
  const matches = new Uint8Array(size);
  for (const e of list) {
    const o = ordinalOf(d.terms, (e.eval(page).values as string[])[0]);
    if (o >= 0) matches[o] = 1;
  }
  const ords = d.ordinals;
  const hit = negated ? 0 : 1;
  const values = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const o = ords[p];
    // A null placeholder (NULL_ORDINAL) is past every term: never a match, and nulls are masked below.
    values[p] = o < size && matches[o] === 1 ? hit : 1 - hit;
  }
  return withNulls(values, b.nulls, n);
}

function withNulls(values: Uint8Array, nulls: Uint8Array | undefined, n: number): Block {
  if (nulls === undefined) return { type: 'boolean', positionCount: n, values };
  for (let p = 0; p < n; p++) if (nulls[p] === 1) values[p] = 0;
  return { type: 'boolean', positionCount: n, values, nulls: nulls.slice(0, n) };
}
