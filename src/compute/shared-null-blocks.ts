import { type Block, constantNullBlock } from './block.js';
import type { DataType } from './data-type.js';

/**
 * All-null blocks shared by every query of the process: pruned and missing columns get one per page,
 * and building them (two arrays of a page's size per column) per query was a large part of a short
 * query's allocations. Blocks are immutable, so sharing is safe. Only page-sized blocks are kept.
 */
const MAX_SHARED_POSITIONS = 65_536;

const pools = new Map<DataType, Block>();

/** An all-null block of `type` with `n` positions: a shared one, or a view of one when it can be. */
export function sharedNullBlock(type: DataType, n: number): Block {
  if (n > MAX_SHARED_POSITIONS) return constantNullBlock(type, n);
  let pool = pools.get(type);
  if (pool === undefined || pool.positionCount < n) {
    pool = constantNullBlock(type, n);
    pools.set(type, pool);
  }
  if (pool.positionCount === n) return pool;
  const v = pool.values;
  // A plain array cannot be viewed: a block's values must not be longer than it says.
  if (Array.isArray(v)) return constantNullBlock(type, n);
  return { type, positionCount: n, values: v === null ? null : v.subarray(0, n), nulls: (pool.nulls as Uint8Array).subarray(0, n) };
}
