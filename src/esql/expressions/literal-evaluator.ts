import type { Block } from '../../compute/block.js';
import { constantNullBlock, emptyValues } from '../../compute/block.js';
import type { AnyType, DataType } from '../../compute/data-type.js';
import type { LiteralScalar } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Page } from '../../compute/page.js';

/** A constant: the same value (or multi-value) at every position. Reuses its block across pages of one size. */
export class LiteralEvaluator implements ExpressionEvaluator {
  private cached: Block | null = null;
  private readonly blockType: DataType;

  constructor(
    type: AnyType,
    private readonly value: LiteralScalar | readonly LiteralScalar[],
  ) {
    // Time spans never live in a Block: a function that takes one reads it from ArgInfo.value.
    this.blockType = type === 'date_period' || type === 'time_duration' ? 'null' : type;
  }

  eval(page: Page): Block {
    const n = page.positionCount;
    const cached = this.cached;
    if (cached !== null && cached.positionCount === n) return cached;
    // Filtered pages come in every size: a single value in a typed array is served as a view of the
    // largest block built so far (blocks are immutable, so views may share it).
    const v = cached?.values;
    if (cached !== null && cached.positionCount > n && cached.nulls === undefined && cached.firstValueIndexes === undefined && ArrayBuffer.isView(v)) {
      return { type: cached.type, positionCount: n, values: v.subarray(0, n) };
    }
    this.cached = constantBlock(this.blockType, this.value, n);
    return this.cached;
  }

  toString(): string {
    return `LiteralsEvaluator[lit=${String(this.value)}]`;
  }
}

/** A block holding `value` at each of `positionCount` positions. */
export function constantBlock(type: DataType, value: LiteralScalar | readonly LiteralScalar[], positionCount: number): Block {
  if (type === 'null' || value === null) return constantNullBlock(type, positionCount);
  const list = Array.isArray(value) ? (value as readonly LiteralScalar[]).filter((v) => v !== null) : [value as LiteralScalar];
  if (list.length === 0) return constantNullBlock(type, positionCount);
  const per = list.length;
  const values = emptyValues(type, positionCount * per);
  for (let p = 0; p < positionCount; p++) {
    for (let i = 0; i < per; i++) store(values, p * per + i, list[i]);
  }
  if (per === 1) return { type, positionCount, values };
  const firstValueIndexes = new Int32Array(positionCount + 1);
  for (let p = 0; p <= positionCount; p++) firstValueIndexes[p] = p * per;
  return { type, positionCount, values, firstValueIndexes };
}

function store(values: ReturnType<typeof emptyValues>, i: number, v: LiteralScalar): void {
  if (values === null) return;
  if (values instanceof BigUint64Array) values[i] = BigInt(v as bigint | number);
  else if (values instanceof Uint8Array) values[i] = v === true ? 1 : 0;
  else if (Array.isArray(values)) values[i] = String(v);
  else values[i] = Number(v);
}
