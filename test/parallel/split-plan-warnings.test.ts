import { describe, expect, it } from 'vitest';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { splitPlan } from '../../src/parallel/split-plan.js';
import { userWarnings } from '../../src/parallel/user-warnings.js';
import { catalogOf, cutSegments, expectSplitMatches, run } from './split-harness.js';

const catalog = catalogOf(cutSegments(generateLogs(3000, 5), 500));

describe('userWarnings', () => {
  it('moves positions inside copied text back to the user query, leaves the rest alone', () => {
    const query = 'FROM logs\n| STATS a = AVG(bytes / 0) BY host\n| EVAL z = a / 0';
    const plan = splitPlan(query)!;
    // The worker copies `bytes / 0` twice (AVG and COUNT): both map to 2:17.
    const worker = plan.workerQuery;
    expect(worker).toBe('FROM logs | STATS `$qactor.agg0` = AVG(bytes / 0), `$qactor.agg1` = COUNT(bytes / 0) BY host | LIMIT 10000');
    const first = worker.indexOf('bytes / 0') + 1;
    const second = worker.lastIndexOf('bytes / 0') + 1;
    expect(userWarnings(plan.workerSpans, [`Line 1:${first}: evaluation of [bytes / 0] failed`, `Line 1:${second}: x`, 'no position'])).toEqual([
      'Line 2:17: evaluation of [bytes / 0] failed',
      'Line 2:17: x',
      'no position',
    ]);
    // The final query is one generated line, then the copied `\n| EVAL z = a / 0`.
    expect(plan.finalQuery.split('\n')[1]).toBe('| EVAL z = a / 0');
    expect(userWarnings(plan.finalSpans, ['Line 2:11: evaluation of [a / 0] failed', 'Line 1:3: generated'])).toEqual([
      'Line 3:11: evaluation of [a / 0] failed',
      'Line 1:3: generated',
    ]);
  });

  it.each([
    'FROM logs | EVAL x = TO_INTEGER(CASE(status == 500, "nope", "1")) | STATS c = COUNT(x)',
    'FROM logs | STATS s = SUM(bytes / (status - 200)), a = AVG(TO_INTEGER(CASE(status == 404, "x", "1"))) BY message',
    'FROM logs\n  | STATS c = COUNT(*) BY status\n  | EVAL bad = c / (status - 200)\n  | SORT status',
    'FROM logs | WHERE bytes / (status - 404) > 0 | SORT bytes | LIMIT 3 | EVAL q = bytes / (status - 500)',
  ])('a split query warns as the unsplit one: %s', async (query) => {
    expect((await run(catalog, query)).warnings.length).toBeGreaterThan(0);
    await expectSplitMatches(catalog, query);
  });
});
