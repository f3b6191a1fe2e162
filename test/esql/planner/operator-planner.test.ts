import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/esql/analyzer/analyzer.js';
import { parse } from '../../../src/esql/parser.js';
import { planOperators } from '../../../src/esql/planner/operator-planner.js';
import { Warnings } from '../../../src/esql/warnings.js';
import { testCatalog } from '../analyzer/test-catalog.js';

const catalog = testCatalog();
const describePlan = (q: string) => {
  const plan = planOperators(analyze(parse(q), catalog, { testFunctions: true, nowMs: 0 }), { warnings: new Warnings(), nowMs: 0 });
  return [plan.source.describe(), ...plan.operators.map((o) => o.describe())];
};

describe('planOperators', () => {
  it('FROM reads the index and ends with the default limit', () => {
    expect(describePlan('FROM emp')).toEqual(['IndexSourceOperator[indices = [emp]]', 'LimitOperator[limit = 1000]']);
  });

  it('SORT then LIMIT becomes one TopN, also across a projection', () => {
    const d = describePlan('FROM emp | SORT salary DESC | KEEP salary | LIMIT 3');
    expect(d[1]).toBe('TopNOperator[count = 3, sortOrders = [SortOrder[channel=6, asc=false, nullsFirst=true]]]');
    expect(d[2]).toMatch(/^ProjectOperator\[projection = \[6\]\]$/);
    expect(d).toHaveLength(3);
  });

  it('SORT without LIMIT gets the default limit fused into a TopN', () => {
    expect(describePlan('FROM emp | SORT emp_no')[1]).toBe(
      'TopNOperator[count = 1000, sortOrders = [SortOrder[channel=1, asc=true, nullsFirst=false]]]',
    );
  });

  it('the LIMIT moves before EVALs between it and the SORT', () => {
    const d = describePlan('FROM emp | SORT salary | EVAL x = salary + 1 | LIMIT 2');
    expect(d[1]).toBe('TopNOperator[count = 2, sortOrders = [SortOrder[channel=6, asc=true, nullsFirst=false]]]');
    expect(d[2]).toMatch(/^EvalOperator\[/);
    expect(d).toHaveLength(3);
  });

  it('SORT followed by STATS stays a full SortOperator', () => {
    expect(describePlan('FROM emp | SORT emp_no | STATS c = COUNT(*)')[1]).toMatch(/^SortOperator\[/);
  });

  it('STATS evaluates computed inputs first, then aggregates, then evaluates and projects', () => {
    const d = describePlan('FROM emp | STATS s = SUM(salary * 2) + 1 BY languages');
    expect(d[1]).toMatch(/^EvalOperator\[/);
    expect(d[2]).toMatch(/^HashAggregationOperator\[/);
    expect(d[3]).toMatch(/^EvalOperator\[/);
    expect(d[4]).toMatch(/^ProjectOperator\[projection = \[2, 0\]\]$/);
  });

  it('DELAY becomes a DelayOperator, METADATA a metadata-aware source', () => {
    expect(describePlan('FROM emp | EVAL d = DELAY(20ms)')[1]).toMatch(/^DelayOperator/);
    expect(describePlan('FROM emp METADATA _index')[0]).toBe('MetadataSourceOperator[indices = [emp], metadata = [_index]]');
  });
});
