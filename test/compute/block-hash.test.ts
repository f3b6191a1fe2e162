import { describe, expect, it } from 'vitest';
import { blockToValues } from '../../src/compute/block-builder.js';
import { BlockHash, type GroupKey } from '../../src/compute/block-hash.js';
import type { Page } from '../../src/compute/page.js';
import { type Cell, pageOf } from './helpers.js';

/** A deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Reference grouping: one JSON key per value combination, distinct per row, first-seen order. */
function referenceGroups(pages: Page[], keys: GroupKey[]): { groups: string[]; rowGroups: string[][] } {
  const groups: string[] = [];
  const seen = new Set<string>();
  const rowGroups: string[][] = [];
  for (const page of pages) {
    const cols = keys.map((k) => blockToValues(page.blocks[k.channel]));
    for (let p = 0; p < page.positionCount; p++) {
      let combos: Cell[][] = [[]];
      for (const col of cols) {
        const v = col[p];
        const vals: Cell[] = v === null ? [null] : Array.isArray(v) ? v : [v];
        combos = combos.flatMap((c) => vals.map((x) => [...c, x]));
      }
      const row: string[] = [];
      for (const c of combos) {
        const key = JSON.stringify(c);
        if (!row.includes(key)) row.push(key);
        if (!seen.has(key)) {
          seen.add(key);
          groups.push(key);
        }
      }
      rowGroups.push(row);
    }
  }
  return { groups, rowGroups };
}

function randomPage(r: () => number, n: number, mv: boolean): Page {
  const pick = <T>(vals: T[]): T | T[] | null => {
    const x = r();
    if (x < 0.1) return null;
    if (mv && x > 0.85) return [vals[Math.floor(r() * vals.length)], vals[Math.floor(r() * vals.length)]];
    return vals[Math.floor(r() * vals.length)];
  };
  const a: Cell[] = [];
  const b: Cell[] = [];
  const c: Cell[] = [];
  for (let i = 0; i < n; i++) {
    a.push(pick(['x', 'y', 'z']));
    b.push(pick([1, 2, 3, 4]));
    c.push(pick([0.5, -1, 1e20]));
  }
  return pageOf(['keyword', a], ['integer', b], ['double', c]);
}

describe('BlockHash', () => {
  const keys: GroupKey[] = [
    { channel: 0, type: 'keyword' },
    { channel: 1, type: 'integer' },
    { channel: 2, type: 'double' },
  ];

  it('matches a reference grouping for three keys with nulls and multi-values', () => {
    const r = rng(42);
    const pages = [randomPage(r, 200, false), randomPage(r, 200, true), randomPage(r, 200, false), randomPage(r, 100, true)];
    const hash = new BlockHash(keys);
    const rowGroups: number[][] = [];
    for (const page of pages) {
      const a = hash.add(page);
      const perRow: number[][] = Array.from({ length: page.positionCount }, () => []);
      for (let i = 0; i < a.count; i++) perRow[a.positions === null ? i : a.positions[i]].push(a.groupIds[i]);
      rowGroups.push(...perRow);
    }
    const ref = referenceGroups(pages, keys);
    const keyCols = hash.keyBlocks().map((b) => blockToValues(b));
    const ours = Array.from({ length: hash.groupCount }, (_, g) => JSON.stringify(keyCols.map((c) => c[g])));
    expect(ours).toEqual(ref.groups);
    expect(rowGroups.map((ids) => ids.map((g) => ours[g]))).toEqual(ref.rowGroups);
  });

  it('gives a single key its value ordinals, null included, in first-seen order', () => {
    const hash = new BlockHash([{ channel: 0, type: 'long' }]);
    const a = hash.add(pageOf(['long', [5, null, 7, 5, -0, 0]]));
    expect(Array.from(a.groupIds)).toEqual([0, 1, 2, 0, 3, 3]);
    expect(blockToValues(hash.keyBlocks()[0])).toEqual([5, null, 7, -0]);
  });

  it('treats -0 and 0 as one key and NaN as one key', () => {
    const hash = new BlockHash([{ channel: 0, type: 'double' }]);
    const a = hash.add(pageOf(['double', [NaN, 0, NaN, -0]]));
    expect(Array.from(a.groupIds)).toEqual([0, 1, 0, 1]);
  });
});
