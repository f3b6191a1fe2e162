import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { Source } from '../ast.js';
import type { TimeSpanValue } from '../analyzer/resolved-expression.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { addCalendar, yearAfterMonths } from './calendar-math.js';

const MAX_YEAR = 999_999_999;
const LONG_LIMIT = 9223372036854775808;
import { MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';

/** `datetime ± time span` (`d + 1 day`, `d - 2 hours`): calendar units in UTC. */
export class DateMathEvaluator implements ExpressionEvaluator {
  private readonly sign: number;

  constructor(
    subtract: boolean,
    private readonly date: ExpressionEvaluator,
    private readonly span: TimeSpanValue,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {
    this.sign = subtract ? -1 : 1;
  }

  eval(page: Page): Block {
    const b = this.date.eval(page);
    const n = page.positionCount;
    const values = new Float64Array(n);
    const nulls = new NullsBuilder(n);
    const bv = b.values as Float64Array;
    const s = this.sign;
    const { months, days, millis } = this.span;
    for (let p = 0; p < n; p++) {
      const i = singleValueIndex(b, p);
      if (i < 0) {
        if (i === MULTI_VALUED) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      const from = bv[i];
      if (months !== 0) {
        const year = yearAfterMonths(from, s * months);
        if (year > MAX_YEAR || year < -MAX_YEAR) {
          this.warnings.fail(this.source, 'java.time.DateTimeException', `Invalid value for Year (valid values -${MAX_YEAR} - ${MAX_YEAR}): ${year}`);
          nulls.set(p);
          continue;
        }
      }
      const v = addCalendar(from, s * months, s * days, s * millis);
      if (v > LONG_LIMIT || v < -LONG_LIMIT) {
        this.warnings.fail(this.source, 'java.lang.ArithmeticException', 'long overflow');
        nulls.set(p);
        continue;
      }
      values[p] = v;
    }
    return { type: 'datetime', positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    return `DateMathEvaluator[datetime=${this.date}]`;
  }
}
