import type { Block } from './block.js';
import type { Page } from './page.js';

/**
 * Rough bytes held by a block, for memory accounting: typed arrays by their byte length, strings at
 * an assumed 2 bytes per char plus a per-string overhead (V8 object header and array slot).
 */
export function blockBytes(block: Block): number {
  let bytes = 64;
  const v = block.dictionary?.ordinals ?? block.values; // a dictionary block: its ordinals (terms are shared)
  if (v !== null) {
    if (Array.isArray(v)) {
      // Sampling keeps this O(1)-ish on big string blocks; the budget is an estimate anyway.
      const n = v.length;
      const step = n > 64 ? Math.floor(n / 64) : 1;
      let chars = 0;
      let sampled = 0;
      for (let i = 0; i < n; i += step) {
        chars += v[i].length;
        sampled++;
      }
      const avg = sampled === 0 ? 0 : chars / sampled;
      bytes += n * (STRING_OVERHEAD + 2 * avg);
    } else bytes += v.byteLength;
  }
  if (block.nulls !== undefined) bytes += block.nulls.byteLength;
  if (block.firstValueIndexes !== undefined) bytes += block.firstValueIndexes.byteLength;
  return Math.ceil(bytes);
}

export function pageBytes(page: Page): number {
  let bytes = 32;
  for (const b of page.blocks) bytes += blockBytes(b);
  return bytes;
}

const STRING_OVERHEAD = 24;
