import { describe, expect, it } from 'vitest';
import { SplitDecisions, type SplitDecision } from '../../src/parallel/split-decisions.js';
import { splitPlan } from '../../src/parallel/split-plan.js';

const decision = (query: string): SplitDecision => {
  const plan = splitPlan(query);
  if (plan === null) throw new Error(`expected [${query}] to split`);
  return { plan, workerColumns: [{ name: 'c', type: 'long' }] };
};

describe('SplitDecisions', () => {
  const q1 = 'FROM logs | STATS c = COUNT(*)';
  const q2 = 'FROM logs | STATS c = COUNT(*) BY host';

  it('answers what was decided for a text at the same catalog generation, "not split" included', () => {
    const d = new SplitDecisions();
    expect(d.get(q1, 3)).toBeUndefined();
    const split = decision(q1);
    d.set(q1, 3, split);
    d.set('FROM logs | STATS m = MEDIAN(bytes)', 3, null);
    expect(d.get(q1, 3)).toBe(split);
    expect(d.get('FROM logs | STATS m = MEDIAN(bytes)', 3)).toBeNull();
  });

  it('forgets every decision once the catalog changed', () => {
    const d = new SplitDecisions();
    d.set(q1, 3, decision(q1));
    expect(d.get(q1, 4)).toBeUndefined();
    // Nor does the old generation come back.
    expect(d.get(q1, 3)).toBeUndefined();
  });

  it('evicts the least recently used text beyond its capacity', () => {
    const d = new SplitDecisions(2);
    d.set(q1, 1, decision(q1));
    d.set(q2, 1, decision(q2));
    expect(d.get(q1, 1)).toBeDefined(); // q1 is now the most recently used
    d.set('FROM logs | STATS c = COUNT(*) BY status', 1, null);
    expect(d.get(q2, 1)).toBeUndefined();
    expect(d.get(q1, 1)).toBeDefined();
  });
});
