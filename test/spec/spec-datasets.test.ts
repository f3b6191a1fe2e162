import { describe, expect, it } from 'vitest';
import { missingDataset, queryNeeds } from './spec-datasets.js';

describe('queryNeeds / missingDataset', () => {
  const loaded = ['employees', 'hosts', 'languages'];

  it('finds FROM lists, LOOKUP JOIN targets and ENRICH policies', () => {
    expect(queryNeeds('FROM employees, hosts METADATA _index | LOOKUP JOIN languages_lookup ON x | ENRICH languages_policy ON y')).toEqual({
      indices: ['employees', 'hosts', 'languages_lookup'],
      enrichPolicies: ['languages_policy'],
    });
    expect(queryNeeds('ROW a = "from nowhere" // from x\r\n| EVAL b = 1').indices).toEqual([]);
    expect(queryNeeds('from multivalue_points,host*,-hosts_ip_is_kwd').indices).toEqual(['multivalue_points', 'host*']);
  });

  it('reports the first index or policy that is not loaded', () => {
    expect(missingDataset(queryNeeds('from employees | limit 1'), loaded)).toBeUndefined();
    expect(missingDataset(queryNeeds('from emp* | limit 1'), loaded)).toBeUndefined();
    expect(missingDataset(queryNeeds('from employees, employees_incompatible'), loaded)).toBe('employees_incompatible');
    expect(missingDataset(queryNeeds('from nope*'), loaded)).toBe('nope*');
    expect(missingDataset(queryNeeds('from employees | enrich languages_policy on x'), loaded)).toBe('enrich policy languages_policy');
    expect(missingDataset(queryNeeds('ROW a = 1'), loaded)).toBeUndefined();
  });
});
