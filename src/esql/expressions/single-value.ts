import type { Block } from '../../compute/block.js';

/** Returned by singleValueIndex for a null position. */
export const NULL_POSITION = -1;
/** Returned by singleValueIndex for a multi-valued position. */
export const MULTI_VALUED = -2;

/**
 * The index in `b.values` of position p's only value, or NULL_POSITION / MULTI_VALUED. Operators that
 * work on single values (arithmetic, comparisons) turn MULTI_VALUED into null plus a warning, as ES does.
 */
export function singleValueIndex(b: Block, p: number): number {
  if (b.values === null) return NULL_POSITION;
  if (b.nulls !== undefined && b.nulls[p] === 1) return NULL_POSITION;
  const f = b.firstValueIndexes;
  if (f === undefined) return p;
  const start = f[p];
  const count = f[p + 1] - start;
  if (count === 1) return start;
  return count === 0 ? NULL_POSITION : MULTI_VALUED;
}

/** A null bitmap, allocated on first use so blocks without nulls carry none. */
export class NullsBuilder {
  private nulls: Uint8Array | undefined;

  constructor(private readonly positionCount: number) {}

  set(p: number): void {
    if (this.nulls === undefined) this.nulls = new Uint8Array(this.positionCount);
    this.nulls[p] = 1;
  }

  build(): Uint8Array | undefined {
    return this.nulls;
  }
}

/** True when every position holds exactly one value: the fast paths of the evaluators apply. */
export function isPlain(b: Block): boolean {
  return b.values !== null && b.nulls === undefined && b.firstValueIndexes === undefined;
}
