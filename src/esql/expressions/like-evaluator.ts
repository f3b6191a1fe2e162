import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';

/** `[NOT] LIKE` / `[NOT] RLIKE`, both compiled to an anchored RegExp by the analyzer. */
export class LikeEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly value: ExpressionEvaluator,
    private readonly regex: RegExp,
    private readonly negated: boolean,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {}

  eval(page: Page): Block {
    const b = this.value.eval(page);
    const n = page.positionCount;
    const values = new Uint8Array(n);
    const nulls = new NullsBuilder(n);
    const strings = b.values as string[];
    const hit = this.negated ? 0 : 1;
    for (let p = 0; p < n; p++) {
      const i = singleValueIndex(b, p);
      if (i < 0) {
        if (i === MULTI_VALUED) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      values[p] = this.regex.test(strings[i]) ? hit : 1 - hit;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    return `AutomataMatchEvaluator[input=${this.value}, pattern=${this.regex.source}]`;
  }
}
