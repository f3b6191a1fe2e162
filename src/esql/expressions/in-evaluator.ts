import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import type { CompareKind } from './comparison-evaluator.js';
import { allStringLiterals, dictionaryIn, isKeywordDictionary } from './dictionary-comparison.js';
import { MULTI_VALUED, NULL_POSITION, NullsBuilder, singleValueIndex } from './single-value.js';

/**
 * `v [NOT] IN (a, b, ...)`: true on a match; otherwise null when `v` or any list element is null
 * (SQL semantics), else false. NOT IN negates the non-null outcomes.
 */
export class InEvaluator implements ExpressionEvaluator {
  private readonly listBlocks: Block[];

  constructor(
    private readonly compareKind: CompareKind,
    private readonly value: ExpressionEvaluator,
    private readonly list: readonly ExpressionEvaluator[],
    private readonly negated: boolean,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {
    this.listBlocks = new Array<Block>(list.length);
  }

  eval(page: Page): Block {
    const v = this.value.eval(page);
    if (isKeywordDictionary(v) && allStringLiterals(this.list, page)) return dictionaryIn(v, this.list, page, this.negated);
    const lists = this.listBlocks;
    for (let j = 0; j < this.list.length; j++) lists[j] = this.list[j].eval(page);
    const n = page.positionCount;
    const values = new Uint8Array(n);
    const nulls = new NullsBuilder(n);
    const hit = this.negated ? 0 : 1;
    for (let p = 0; p < n; p++) {
      const vi = singleValueIndex(v, p);
      if (vi < 0) {
        if (vi === MULTI_VALUED) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      let sawNull = false;
      let found = false;
      for (let j = 0; j < lists.length && !found; j++) {
        const b = lists[j];
        const bi = singleValueIndex(b, p);
        if (bi === NULL_POSITION || bi === MULTI_VALUED) {
          sawNull = true;
          continue;
        }
        found = this.equal(v, vi, b, bi);
      }
      if (found) values[p] = hit;
      else if (sawNull) nulls.set(p);
      else values[p] = 1 - hit;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  private equal(a: Block, ai: number, b: Block, bi: number): boolean {
    const k = this.compareKind;
    if (k.kind === 'string') return k.compare((a.values as string[])[ai], (b.values as string[])[bi]) === 0;
    if (k.kind === 'bigint') return (a.values as BigUint64Array)[ai] === (b.values as BigUint64Array)[bi];
    return (a.values as Float64Array)[ai] === (b.values as Float64Array)[bi];
  }

  toString(): string {
    return `InEvaluator[lhs=${this.value}, rhs=[${this.list.join(', ')}]]`;
  }
}
