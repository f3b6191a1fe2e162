import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult } from '../../src/esql/query-engine.js';
import { testCatalog } from './analyzer/test-catalog.js';
import { systemSleep } from '../support/system-sleep.js';

/**
 * Stop (finishEarly) must work the same way whatever operators a query has: the query ends with the
 * rows seen so far, the result says `isPartial`, and the schema (names and types) is exactly the one a
 * complete run returns. The `emp` index has 8 rows in segments of 4, so a stop after the first driver
 * slice cuts the scan after one segment.
 */
const engine = new EsqlEngine(testCatalog(), { testFunctions: true });
const blockFactory = () => new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global'));

function complete(query: string): Promise<EngineResult> {
  const options = { signal: new AbortController().signal, sleep: systemSleep, blockFactory: blockFactory() };
  return engine.prepare(query).execute(options).result;
}

function stoppedAfterFirstSlice(query: string): Promise<EngineResult> {
  let yields = 0;
  const exec = engine.prepare(query).execute({
    signal: new AbortController().signal,
    sleep: systemSleep,
    blockFactory: blockFactory(),
    sliceMs: 0,
    yieldToEventLoop: () => {
      if (++yields === 1) exec.finishEarly();
      return Promise.resolve();
    },
  });
  return exec.result;
}

const QUERIES: Record<string, string> = {
  'scan (source + project)': 'FROM emp | KEEP emp_no, first_name',
  filter: 'FROM emp | WHERE salary > 50000 | KEEP emp_no, salary',
  eval: 'FROM emp | EVAL s2 = salary * 2, name = CONCAT(first_name, "!") | KEEP emp_no, s2, name',
  limit: 'FROM emp | LIMIT 7 | KEEP emp_no',
  'TopN (SORT + LIMIT)': 'FROM emp | SORT salary DESC | LIMIT 3 | KEEP emp_no, salary',
  'sort (no LIMIT)': 'FROM emp | SORT height | KEEP emp_no, height',
  'hash aggregation without groups': 'FROM emp | STATS c = COUNT(*), avg = AVG(height), mx = MAX(hired)',
  'hash aggregation with groups': 'FROM emp | STATS c = COUNT(*), s = SUM(salary) BY still_hired | SORT still_hired',
  mv_expand: 'FROM emp | MV_EXPAND tags | KEEP emp_no, tags',
  dissect: 'FROM emp | EVAL t = CONCAT(first_name, " x") | DISSECT t "%{a} %{b}" | KEEP emp_no, a, b',
  grok: 'FROM emp | EVAL t = CONCAT(TO_STRING(emp_no), " ", first_name) | GROK t "%{NUMBER:num:int} %{WORD:w}" | KEEP num, w',
  delay: 'FROM emp | EVAL d = DELAY(1ms) | KEEP emp_no, d',
};

describe('stop returns a partial result with the full schema, for every operator kind', () => {
  for (const [kind, query] of Object.entries(QUERIES)) {
    it(kind, async () => {
      const full = await complete(query);
      const stopped = await stoppedAfterFirstSlice(query);
      expect(full.isPartial).toBe(false);
      expect(stopped.isPartial).toBe(true);
      expect(stopped.columns).toEqual(full.columns);
      expect(stopped.values.length).toBeLessThanOrEqual(full.values.length);
      expect(stopped.documentsFound).toBeLessThan(full.documentsFound);
      for (const row of stopped.values) expect(row).toHaveLength(full.columns.length);
    });
  }

  it('a stopped STATS counts exactly the rows read', async () => {
    const stopped = await stoppedAfterFirstSlice('FROM emp | STATS c = COUNT(*)');
    expect(stopped.values).toEqual([[stopped.documentsFound]]);
  });
});
