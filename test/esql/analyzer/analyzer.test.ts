import { describe, expect, it } from 'vitest';
import { EsError } from '../../../src/errors.js';
import { analyze } from '../../../src/esql/analyzer/analyzer.js';
import { parse } from '../../../src/esql/parser.js';
import { testCatalog } from './test-catalog.js';

const catalog = testCatalog();
const analyzeQuery = (q: string) => analyze(parse(q), catalog, { testFunctions: true, nowMs: 0 });
const columns = (q: string) => analyzeQuery(q).columns.map((c) => `${c.name}:${c.type}`);
const names = (q: string) => analyzeQuery(q).columns.map((c) => c.name);

function problem(q: string): string {
  try {
    analyzeQuery(q);
  } catch (e) {
    expect(e).toBeInstanceOf(EsError);
    expect((e as EsError).type).toBe('verification_exception');
    return (e as EsError).reason;
  }
  throw new Error(`expected a verification_exception for ${q}`);
}

describe('analyzer: verification problems', () => {
  it('reports an unknown column with its position', () => {
    expect(problem('FROM emp | EVAL x = foo + 1')).toBe('Found 1 problem\nline 1:21: Unknown column [foo]');
  });

  it('suggests similar column names as ES does', () => {
    expect(problem('FROM emp | KEEP salry')).toBe('Found 1 problem\nline 1:17: Unknown column [salry], did you mean [salary]?');
    expect(problem('FROM emp | EVAL x = bigs')).toContain('Unknown column [bigs], did you mean any of [big, tags]?');
  });

  it('rejects negating an unsigned_long and constant aggregates', () => {
    expect(problem('ROW a = 18446744073709551615 | EVAL b = -a')).toContain(
      'negation unsupported for arguments of type [unsigned_long] in expression [-a]',
    );
    expect(problem('FROM emp | STATS x = 1')).toContain('line 1:22: expected an aggregate function but found [1]');
  });

  it('reports an unknown index, and nothing that follows from it', () => {
    expect(problem('FROM nope')).toBe('Found 1 problem\nline 1:6: Unknown index [nope]');
    expect(problem('FROM nope | KEEP a | EVAL b = c')).toBe('Found 1 problem\nline 1:6: Unknown index [nope]');
  });

  it('excludes indices with a -pattern', () => {
    expect(columns('FROM logs-*, -logs-b')).toEqual(['bytes:long', 'host:keyword']);
  });

  it('reports an unknown function', () => {
    expect(problem('ROW a = no_such_fn(1)')).toBe('Found 1 problem\nline 1:9: Unknown function [no_such_fn]');
  });

  it('reports arithmetic type mismatches in ES wording', () => {
    expect(problem('FROM emp | EVAL y = first_name + 1')).toBe(
      'Found 1 problem\nline 1:21: first argument of [first_name + 1] must be [numeric], found value [first_name] type [keyword]',
    );
  });

  it('reports comparison type mismatches', () => {
    expect(problem('FROM emp | WHERE salary > "abc"')).toContain(
      'line 1:18: first argument of [salary > "abc"] is [numeric] so second argument must also be [numeric] but was [keyword]',
    );
  });

  it('collects every problem of a query and counts them', () => {
    const reason = problem('FROM emp | EVAL a = nope1, b = salary + first_name | WHERE nope2 > 1 | KEEP nope3');
    expect(reason.split('\n')[0]).toBe('Found 4 problems');
    expect(reason).toContain('line 1:21: Unknown column [nope1]');
    expect(reason).toContain('line 1:32: second argument of [salary + first_name] must be [numeric]');
    expect(reason).toContain('line 1:60: Unknown column [nope2]');
    expect(reason).toContain('line 1:77: Unknown column [nope3]');
  });

  it('rejects aggregates outside STATS and non-boolean WHERE conditions', () => {
    expect(problem('FROM emp | EVAL a = max(salary)')).toContain('aggregate function [max(salary)] not allowed outside STATS command');
    expect(problem('FROM emp | WHERE salary')).toContain('Condition expression needs to be boolean, found [integer]');
  });

  it('rejects unsigned_long mixed with other numerics', () => {
    expect(problem('ROW a = 18446744073709551615 + 1')).toContain('[unsigned_long] can only be operated on together with another [unsigned_long]');
  });

  it('reports KEEP/DROP patterns that match nothing', () => {
    expect(problem('FROM emp | DROP zz*')).toContain('line 1:17: No matches found for pattern [zz*]');
  });

  it('rejects a non-grouping column outside aggregates in STATS', () => {
    expect(problem('FROM emp | STATS x = salary + 1 BY languages')).toContain(
      'column [salary] must appear in the STATS BY clause or be used in an aggregate function',
    );
    expect(problem('FROM emp | STATS x = ABS(salary) + MAX(height) BY languages')).toContain(
      'column [salary] must appear in the STATS BY clause or be used in an aggregate function',
    );
    expect(columns('FROM emp | STATS x = ABS(languages) + MAX(height) BY languages')).toEqual(['x:double', 'languages:integer']);
  });
});

describe('analyzer: column order and names', () => {
  it('FROM sorts columns alphabetically', () => {
    expect(names('FROM emp')).toEqual(['big', 'emp_no', 'first_name', 'height', 'hired', 'languages', 'salary', 'still_hired', 'tags']);
  });

  it('FROM over several indices unions their columns', () => {
    expect(columns('FROM logs-*')).toEqual(['bytes:long', 'host:keyword', 'status:integer']);
    expect(columns('FROM logs-b, logs-a')).toEqual(['bytes:long', 'host:keyword', 'status:integer']);
  });

  it('EVAL appends and a re-assigned name moves to the end', () => {
    expect(names('FROM emp | KEEP emp_no, salary, languages | EVAL salary = salary * 2, x = 1')).toEqual([
      'emp_no',
      'languages',
      'salary',
      'x',
    ]);
  });

  it('unaliased expressions are named by their source text', () => {
    expect(columns('ROW a = 1 | EVAL a + 1, ROUND(1.23, 1)')).toEqual(['a:integer', 'a + 1:integer', 'ROUND(1.23, 1):double']);
  });

  it('ROW keeps repeated names, as ES does (`row a = 1, null, null`)', () => {
    expect(columns('ROW a = 1, null, b = 2, null')).toEqual(['a:integer', 'null:null', 'b:integer', 'null:null']);
  });

  it('STATS outputs aggregates then groupings', () => {
    expect(columns('FROM emp | STATS c = COUNT(*), AVG(salary) BY languages, still_hired')).toEqual([
      'c:long',
      'AVG(salary):double',
      'languages:integer',
      'still_hired:boolean',
    ]);
  });

  it('STATS duplicate names: the last wins, groupings win over aggregates, with shadowing warnings', () => {
    const q = analyzeQuery('FROM emp | stats h = avg(height), h = min(height) by languages');
    expect(q.columns.map((c) => c.name)).toEqual(['h', 'languages']);
    expect(q.columns[0].type).toBe('double');
    expect(q.warnings).toEqual(["Line 1:18: Field 'h' shadowed by field at line 1:35"]);
    const g = analyzeQuery('FROM emp | stats languages = avg(height) by languages');
    expect(g.columns.map((c) => c.name)).toEqual(['languages']);
    expect(g.warnings).toEqual(["Line 1:18: Field 'languages' shadowed by field at line 1:45"]);
  });

  it('KEEP follows pattern order; a repeated match moves unless a weaker pattern matched it', () => {
    expect(names('FROM emp | KEEP s*, emp_no')).toEqual(['salary', 'still_hired', 'emp_no']);
    expect(names('FROM emp | KEEP first*, emp_no, first*')).toEqual(['emp_no', 'first_name']);
    expect(names('FROM emp | KEEP salary, s*')).toEqual(['salary', 'still_hired']);
    expect(names('FROM emp | KEEP first*, emp_no, first_name, *')).toEqual(['emp_no', 'first_name', 'big', 'height', 'hired', 'languages', 'salary', 'still_hired', 'tags']);
  });

  it('DROP removes by name and wildcard', () => {
    expect(names('FROM emp | DROP h*, big, tags, s*')).toEqual(['emp_no', 'first_name', 'languages']);
  });

  it('RENAME applies in sequence and replaces a clashing column', () => {
    expect(names('FROM emp | KEEP emp_no, salary | RENAME emp_no AS a, a AS b')).toEqual(['b', 'salary']);
    expect(names('FROM emp | KEEP emp_no, salary, languages | RENAME salary AS languages')).toEqual(['emp_no', 'languages']);
    expect(columns('FROM emp | KEEP emp_no, salary | RENAME s = salary')).toEqual(['emp_no:integer', 's:integer']);
  });

  it('SHOW INFO has version, date and hash', () => {
    expect(columns('SHOW INFO')).toEqual(['version:keyword', 'date:keyword', 'hash:keyword']);
  });

  it('numeric widening and date arithmetic types', () => {
    expect(columns('FROM emp | EVAL a = salary + big, b = salary * height, c = hired + 1 day, d = salary / 2 | KEEP a, b, c, d')).toEqual([
      'a:long',
      'b:double',
      'c:datetime',
      'd:integer',
    ]);
  });
});

describe('analyzer: plan shape', () => {
  it('appends the default LIMIT 1000 only when no LIMIT bounds the output', () => {
    const last = (q: string) => analyzeQuery(q).steps.at(-1);
    expect(last('FROM emp')).toEqual({ kind: 'limit', count: 1000 });
    expect(last('FROM emp | LIMIT 5 | KEEP emp_no')).toMatchObject({ kind: 'project' });
    expect(last('FROM emp | LIMIT 5 | STATS COUNT(*)')).toEqual({ kind: 'limit', count: 1000 });
  });

  it('folds constant expressions', () => {
    const q = analyzeQuery('ROW a = 1 + 2 * 3');
    expect(q.steps[1]).toMatchObject({ kind: 'eval', exprs: [{ kind: 'literal', value: 7, type: 'integer' }] });
  });

  it('does not fold a constant whose evaluation warns, so the execution reports it', () => {
    const q = analyzeQuery('ROW a = 1 / 0');
    expect(q.steps[1]).toMatchObject({ kind: 'eval', exprs: [{ kind: 'arithmetic' }] });
  });
});
