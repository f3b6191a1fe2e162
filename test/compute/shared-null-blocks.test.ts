import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import { sharedNullBlock } from '../../src/compute/shared-null-blocks.js';
import { positionValue } from '../../src/esql/result-values.js';

const valuesOf = (b: Block) => Array.from({ length: b.positionCount }, (_, p) => positionValue(b, p));

describe('sharedNullBlock', () => {
  it('is an all-null block of the asked type and size', () => {
    for (const type of ['integer', 'double', 'long', 'keyword', 'boolean', 'datetime'] as const) {
      for (const n of [1, 7, 8192]) {
        const b = sharedNullBlock(type, n);
        expect(b.type).toBe(type);
        expect(b.positionCount).toBe(n);
        expect(b.nulls?.length).toBe(n);
        expect(valuesOf(b).every((v) => v === null)).toBe(true);
      }
    }
  });

  it('hands out one block per type to every caller asking for a page of the size it holds', () => {
    expect(sharedNullBlock('double', 8192)).toBe(sharedNullBlock('double', 8192));
    expect(sharedNullBlock('double', 8192)).not.toBe(sharedNullBlock('integer', 8192));
  });

  it('a smaller typed block is a view; a smaller keyword block has values of its own length', () => {
    const big = sharedNullBlock('integer', 8192);
    const small = sharedNullBlock('integer', 100);
    expect((small.values as Int32Array).buffer).toBe((big.values as Int32Array).buffer);
    expect((small.values as Int32Array).length).toBe(100);
    sharedNullBlock('keyword', 8192);
    expect((sharedNullBlock('keyword', 5).values as string[]).length).toBe(5);
  });

  it('does not keep blocks beyond a page size', () => {
    expect(sharedNullBlock('integer', 100_000)).not.toBe(sharedNullBlock('integer', 100_000));
  });
});
