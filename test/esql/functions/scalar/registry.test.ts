import { describe, expect, it } from 'vitest';
import { allFunctions, lookupFunction } from '../../../../src/esql/functions/registry.js';

describe('scalar functions in the registry', () => {
  it('every name and alias is registered once', () => {
    const names = allFunctions().flatMap((d) => [d.name, ...(d.aliases ?? [])]);
    const dups = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dups).toEqual([]);
  });

  it('aliases resolve to their function, case-insensitively', () => {
    for (const [alias, name] of [
      ['TO_INT', 'to_integer'],
      ['to_dbl', 'to_double'],
      ['to_str', 'to_string'],
      ['to_bool', 'to_boolean'],
      ['to_dt', 'to_datetime'],
      ['to_ver', 'to_version'],
      ['to_ul', 'to_unsigned_long'],
      ['to_ulong', 'to_unsigned_long'],
    ]) {
      expect(lookupFunction(alias)?.name).toBe(name);
    }
  });

  it('covers the documented scalar families', () => {
    for (const name of ['abs', 'round', 'concat', 'date_trunc', 'case', 'coalesce', 'mv_sort', 'cidr_match', 'to_ip', 'bucket']) {
      expect(lookupFunction(name)?.kind).toBe('scalar');
    }
  });
});
