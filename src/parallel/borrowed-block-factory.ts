import { BlockFactory, MemoryBudget } from '../compute/block-factory.js';

/** A budget that reserves its bytes from another BlockFactory, within that factory's own budgets. */
class BorrowedBudget extends MemoryBudget {
  constructor(private readonly lender: BlockFactory) {
    super(Number.POSITIVE_INFINITY, 'borrowed');
  }

  override reserve(bytes: number): void {
    this.lender.reserve(bytes);
  }

  override release(bytes: number): void {
    this.lender.release(bytes);
  }
}

/**
 * A BlockFactory for side work of a query (a preview merge): its bytes count against the query's
 * budgets, so it breaks the circuit as the query would, yet `releaseAll()` gives back exactly what the
 * side work took, never what the query itself holds.
 */
export function borrowedBlockFactory(lender: BlockFactory): BlockFactory {
  return new BlockFactory(new MemoryBudget(Number.POSITIVE_INFINITY, 'preview'), new BorrowedBudget(lender));
}
