import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { borrowedBlockFactory } from '../../src/parallel/borrowed-block-factory.js';

/** A preview merge runs on memory borrowed from its query (borrowed-block-factory.ts). */
describe('borrowedBlockFactory', () => {
  it('counts against the lender and its budgets, and gives back only what it took', () => {
    const query = new MemoryBudget(1_000, 'request');
    const global = new MemoryBudget(10_000, 'parent');
    const lender = new BlockFactory(query, global);
    lender.reserve(300);
    const preview = borrowedBlockFactory(lender);
    preview.reserve(500);
    expect(lender.reservedBytes).toBe(800);
    expect(query.usedBytes).toBe(800);
    expect(global.usedBytes).toBe(800);
    preview.releaseAll();
    expect(lender.reservedBytes).toBe(300);
    expect(query.usedBytes).toBe(300);
    expect(global.usedBytes).toBe(300);
  });

  it('breaks the circuit where the query would, leaving the lender as it was', () => {
    const lender = new BlockFactory(new MemoryBudget(1_000, 'request'), new MemoryBudget(10_000, 'parent'));
    lender.reserve(900);
    const preview = borrowedBlockFactory(lender);
    expect(() => preview.reserve(200)).toThrow(expect.objectContaining({ type: 'circuit_breaking_exception' }) as Error);
    expect(lender.reservedBytes).toBe(900);
    expect(preview.reservedBytes).toBe(0);
  });
});
