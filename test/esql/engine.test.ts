import { describe, expect, it } from 'vitest';
import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsError } from '../../src/errors.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import type { EngineResult, ExecuteOptions, QueryExecution } from '../../src/esql/query-engine.js';
import { testCatalog } from './analyzer/test-catalog.js';
import { systemSleep } from '../support/system-sleep.js';

const engine = new EsqlEngine(testCatalog(), { testFunctions: true });
const blockFactory = () => new BlockFactory(new MemoryBudget(1e9, 'query'), new MemoryBudget(1e9, 'global'));

function start(query: string, options: Partial<ExecuteOptions> = {}): QueryExecution {
  return engine
    .prepare(query, { nowMs: Date.parse('2024-05-01T00:00:00Z') })
    .execute({ signal: new AbortController().signal, sleep: systemSleep, blockFactory: blockFactory(), ...options });
}

const run = (query: string): Promise<EngineResult> => start(query).result;
const rows = async (query: string) => (await run(query)).values;

describe('EsqlEngine: commands', () => {
  it('FROM returns every row, alphabetical columns, and counts documents and values', async () => {
    const r = await run('FROM emp | KEEP emp_no, first_name, tags');
    expect(r.columns).toEqual([
      { name: 'emp_no', type: 'integer' },
      { name: 'first_name', type: 'keyword' },
      { name: 'tags', type: 'keyword' },
    ]);
    expect(r.values).toHaveLength(8);
    expect(r.values[0]).toEqual([1, 'Georgi', ['a', 'b']]);
    expect(r.values[7]).toEqual([8, null, ['b', 'c']]);
    expect(r.isPartial).toBe(false);
    expect(r.documentsFound).toBe(8);
    expect(r.valuesLoaded).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });

  it('FROM over an index pattern fills missing columns with null', async () => {
    expect(await rows('FROM logs-* | SORT host')).toEqual([
      [100, 'h1', null],
      [200, 'h2', null],
      [null, 'h3', 404],
    ]);
  });

  it('ROW builds one row of constants, multi-values included', async () => {
    const r = await run('ROW a = 1, b = "x", c = [1, 2], d = null, e = 1.5, f = true');
    expect(r.values).toEqual([[1, 'x', [1, 2], null, 1.5, true]]);
    expect(r.documentsFound).toBe(0);
  });

  it('SHOW INFO returns one row', async () => {
    const r = await run('SHOW INFO');
    expect(r.values).toHaveLength(1);
    expect(r.values[0][0]).toBe('8.19.0');
  });

  it('WHERE drops null and multi-valued conditions, warning about the multi-value', async () => {
    const r = await run('FROM emp | WHERE tags == "b" | KEEP emp_no');
    expect(r.values).toEqual([[6]]);
    expect(r.warnings).toEqual([
      'Line 1:18: evaluation of [tags == "b"] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:18: java.lang.IllegalArgumentException: single-value function encountered multi-value',
      'Line 1:18: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ]);
  });

  it('WHERE with three-valued logic, IN, IS NULL, LIKE and RLIKE', async () => {
    expect(await rows('FROM emp | WHERE languages > 3 OR first_name IS NULL | KEEP emp_no')).toEqual([[2], [3], [4], [7], [8]]);
    expect(await rows('FROM emp | WHERE NOT (languages > 3) | KEEP emp_no')).toEqual([[1], [5], [6]]);
    expect(await rows('FROM emp | WHERE languages IN (1, 3, null) | KEEP emp_no')).toEqual([[5], [6]]);
    expect(await rows('FROM emp | WHERE first_name LIKE "*e*" AND first_name NOT LIKE "B*" | KEEP first_name')).toEqual([['Georgi'], ['Anneke'], ['Tzvetan']]);
    expect(await rows('FROM emp | WHERE first_name RLIKE "[AK].*i?" | KEEP first_name')).toEqual([['Kyoichi'], ['Anneke']]);
  });

  it('WHERE compares datetimes with string literals', async () => {
    expect(await rows('FROM emp | WHERE hired >= "1989-06-01" | KEEP emp_no')).toEqual([[5], [6], [8]]);
  });

  it('EVAL computes, widens and re-assigns', async () => {
    const r = await run('FROM emp | KEEP emp_no, salary | EVAL salary = salary / 1000, r = emp_no % 3, d = emp_no * 1.5 | LIMIT 2');
    expect(r.columns.map((c) => c.name)).toEqual(['emp_no', 'salary', 'r', 'd']);
    expect(r.values).toEqual([
      [1, 57, 1, 1.5],
      [2, 56, 2, 3],
    ]);
  });

  it('EVAL date arithmetic with calendar units', async () => {
    expect(await rows('FROM emp | EVAL a = hired + 1 year, b = hired - 2 hours | KEEP a, b | LIMIT 1')).toEqual([
      ['1987-06-26T00:00:00.000Z', '1986-06-25T22:00:00.000Z'],
    ]);
  });

  it('integer overflow yields null and a warning', async () => {
    const r = await run('ROW a = 2147483647 | EVAL b = a + 1, c = a / 0');
    expect(r.values).toEqual([[2147483647, null, null]]);
    expect(r.warnings).toEqual([
      'Line 1:31: evaluation of [a + 1] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:31: java.lang.ArithmeticException: integer overflow',
      'Line 1:42: evaluation of [a / 0] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:42: java.lang.ArithmeticException: / by zero',
    ]);
  });

  it('long beyond 2^53 and unsigned_long come back as bigint', async () => {
    const r = await run('ROW a = 18446744073709551615, b = 9007199254740993 * 4');
    expect(typeof r.values[0][0]).toBe('bigint');
    expect(r.values[0][0]).toBe(18446744073709551615n);
    expect(typeof r.values[0][1]).toBe('bigint');
  });

  it('SORT alone sorts everything, nulls last ascending and first descending', async () => {
    expect((await rows('FROM emp | SORT languages, emp_no | KEEP emp_no')).map((r) => r[0])).toEqual([5, 1, 6, 3, 7, 2, 4, 8]);
    expect((await rows('FROM emp | SORT languages DESC, emp_no | KEEP emp_no')).map((r) => r[0])).toEqual([8, 2, 4, 3, 7, 6, 1, 5]);
  });

  it('SORT by an expression then LIMIT (TopN), without leaking the sort key', async () => {
    const r = await run('FROM emp | SORT salary % 1000 DESC | LIMIT 2 | KEEP emp_no, salary');
    expect(r.columns.map((c) => c.name)).toEqual(['emp_no', 'salary']);
    expect(r.values).toEqual([
      [8, 43906],
      [3, 61805],
    ]);
  });

  it('STATS with groups, nested expressions, aggregate arguments and per-aggregate WHERE', async () => {
    const r = await run(
      'FROM emp | STATS c = COUNT(*), s = SUM(salary * 2), r = MAX(salary) - MIN(salary), h = COUNT(*) WHERE still_hired BY g = languages % 2 | SORT g',
    );
    expect(r.columns).toEqual([
      { name: 'c', type: 'long' },
      { name: 's', type: 'long' },
      { name: 'r', type: 'integer' },
      { name: 'h', type: 'long' },
      { name: 'g', type: 'integer' },
    ]);
    expect(r.values).toEqual([
      [3, 2 * (57305 + 61805 + 74572), 74572 - 57305, 1, 0],
      [4, 2 * (56371 + 36174 + 63528 + 60335), 63528 - 36174, 3, 1],
      [1, 2 * 43906, 0, 1, null],
    ]);
  });

  it('STATS without BY returns one row even over no input', async () => {
    expect(await rows('FROM emp | WHERE salary > 1000000 | STATS c = COUNT(*), m = MAX(salary)')).toEqual([[0, null]]);
  });

  it('STATS aggregates may read grouping aliases and wrap them in scalars', async () => {
    expect(await rows('FROM emp | WHERE emp_no < 4 | STATS m = MAX(l) + 1, c = COUNT(*) BY l = languages | SORT l')).toEqual([
      [3, 1, 2],
      [5, 1, 4],
      [6, 1, 5],
    ]);
  });

  it('MV_EXPAND one row per value', async () => {
    expect(await rows('FROM emp | WHERE emp_no IN (1, 3, 8) | MV_EXPAND tags | KEEP emp_no, tags')).toEqual([
      [1, 'a'],
      [1, 'b'],
      [3, null],
      [8, 'b'],
      [8, 'c'],
    ]);
  });

  it('KEEP, DROP and RENAME', async () => {
    const r = await run('FROM emp | KEEP emp_no, first_name, salary | DROP salary | RENAME first_name AS name | LIMIT 1');
    expect(r.columns.map((c) => c.name)).toEqual(['emp_no', 'name']);
    expect(r.values).toEqual([[1, 'Georgi']]);
  });

  it('casts with :: map to conversion functions', async () => {
    const r = await run('ROW a = "12"::integer, b = 3::double, c = 5::keyword');
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'double', 'keyword']);
    expect(r.values).toEqual([[12, 3, '5']]);
  });

  it('DISSECT and GROK append fields, replacing same-named columns', async () => {
    const d = await run('ROW a = "x-1 y", b = "old" | DISSECT a "%{b}-%{c} %{d}"');
    expect(d.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(d.values).toEqual([['x-1 y', 'x', '1', 'y']]);
    const g = await run('FROM emp | WHERE emp_no < 3 | GROK first_name "%{WORD:w}" | EVAL n = CONCAT(w, "!") | KEEP w');
    expect(g.values).toEqual([['Georgi'], ['Bezalel']]);
    const typed = await run('ROW a = "12 x" | GROK a "%{NUMBER:n:int} %{WORD:w}" | EVAL m = n + 1');
    expect(typed.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['a:keyword', 'n:integer', 'w:keyword', 'm:integer']);
    expect(typed.values).toEqual([['12 x', 12, 'x', 13]]);
  });

  it('FROM ... METADATA _index adds the index name per row', async () => {
    const r = await run('FROM logs-* METADATA _index | KEEP host, _index | SORT host');
    expect(r.values).toEqual([
      ['h1', 'logs-a'],
      ['h2', 'logs-a'],
      ['h3', 'logs-b'],
    ]);
    expect(r.documentsFound).toBe(3);
  });

  it('time spans add up, fold through CASE, and meet null as null', async () => {
    const r = await run(
      'ROW d = "2024-01-31T00:00:00Z"::datetime | EVAL a = d + (1 month + 1 day), b = d - CASE(true, 1 hour, 2 hours), c = d + null, e = "2024-01-01" + 1 day | DROP d',
    );
    expect(r.columns.map((c) => c.type)).toEqual(['datetime', 'datetime', 'datetime', 'datetime']);
    expect(r.values).toEqual([['2024-03-01T00:00:00.000Z', '2024-01-30T23:00:00.000Z', null, '2024-01-02T00:00:00.000Z']]);
  });

  it('LIMIT ends the scan early without marking the result partial', async () => {
    const r = await run('FROM emp | LIMIT 2 | KEEP emp_no');
    expect(r.values).toEqual([[1], [2]]);
    expect(r.documentsFound).toBe(3);
    expect(r.isPartial).toBe(false);
  });

  it('rejects unknown names synchronously from prepare()', () => {
    expect(() => engine.prepare('FROM emp | KEEP nope')).toThrowError(EsError);
    expect(() => engine.prepare('FROM emp | WHERE')).toThrowError(/./);
  });
});

describe('EsqlEngine: stop and cancel', () => {
  /** One driver iteration per slice: the source emits one 3-row segment per slice. */
  function stoppedAfterFirstSlice(query: string): QueryExecution {
    let yields = 0;
    const exec: QueryExecution = start(query, {
      sliceMs: 0,
      yieldToEventLoop: () => {
        if (++yields === 1) exec.finishEarly();
        return Promise.resolve();
      },
    });
    return exec;
  }

  it('a stopped scan returns the rows read so far, partial', async () => {
    const r = await stoppedAfterFirstSlice('FROM emp | KEEP emp_no').result;
    expect(r.isPartial).toBe(true);
    expect(r.values).toEqual([[1], [2], [3]]);
    expect(r.documentsFound).toBe(3);
  });

  it('a stopped STATS aggregates over the rows seen', async () => {
    const r = await stoppedAfterFirstSlice('FROM emp | STATS c = COUNT(*), s = SUM(salary)').result;
    expect(r.isPartial).toBe(true);
    expect(r.values).toEqual([[3, 57305 + 56371 + 61805]]);
  });

  it('a stopped TopN returns the best rows seen', async () => {
    const r = await stoppedAfterFirstSlice('FROM emp | SORT salary DESC | LIMIT 2 | KEEP salary').result;
    expect(r.isPartial).toBe(true);
    expect(r.values).toEqual([[61805], [57305]]);
  });

  it('a stop after completion is not partial', async () => {
    const exec = start('FROM emp | STATS c = COUNT(*)');
    const r = await exec.result;
    exec.finishEarly();
    expect(r.isPartial).toBe(false);
    expect(r.values).toEqual([[8]]);
  });

  it('progress reports rows read and the total', async () => {
    const exec = start('FROM emp | KEEP emp_no');
    await exec.result;
    expect(exec.progress()).toEqual({ rows_processed: 8, rows_total: 8, pages: 3 });
  });

  it('cancel rejects with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new EsError('task_cancelled_exception', 'by user request');
    const exec = start('FROM emp | EVAL d = DELAY(5ms) | KEEP emp_no', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await expect(exec.result).rejects.toBe(reason);
  });

  it('DELAY holds rows back and appends true; a stop keeps the completed rows', async () => {
    const full = await run('FROM emp | WHERE emp_no < 3 | EVAL d = DELAY(1ms) | KEEP emp_no, d');
    expect(full.values).toEqual([
      [1, true],
      [2, true],
    ]);
    const exec = start('FROM emp | EVAL d = DELAY(20ms) | KEEP emp_no, d');
    const timer = setTimeout(() => exec.finishEarly(), 50);
    const r = await exec.result;
    clearTimeout(timer);
    expect(r.isPartial).toBe(true);
    expect(r.values.length).toBeLessThan(8);
    for (const row of r.values) expect(row[1]).toBe(true);
  });
});

describe('EsqlEngine: prepared queries', () => {
  const opts = () => ({ signal: new AbortController().signal, sleep: systemSleep, blockFactory: blockFactory() });
  const warned = [
    'Line 1:31: evaluation of [a + 1] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:31: java.lang.ArithmeticException: integer overflow',
  ];

  it('every execution gets its own operators and warnings, the first one (planned by prepare) included', async () => {
    const prepared = engine.prepare('ROW a = 2147483647 | EVAL b = a + 1 | MV_EXPAND a');
    const [first, second] = [prepared.execute(opts()), prepared.execute(opts())];
    for (const r of await Promise.all([first.result, second.result])) {
      expect(r.values).toEqual([[2147483647, null]]);
      expect(r.warnings).toEqual(warned);
    }
    expect((await prepared.execute(opts()).result).warnings).toEqual(warned);
  });

  it('the same text prepared again (its syntax tree reused) runs independently, with its own now', async () => {
    const text = 'ROW a = 2147483647 | EVAL b = a + 1, t = NOW() | MV_EXPAND a';
    const a = engine.prepare(text, { nowMs: Date.parse('2024-05-01T00:00:00Z') });
    const b = engine.prepare(text, { nowMs: Date.parse('2025-01-02T03:04:05Z') });
    expect((await a.execute(opts()).result).values).toEqual([[2147483647, null, '2024-05-01T00:00:00.000Z']]);
    const rb = await b.execute(opts()).result;
    expect(rb.values).toEqual([[2147483647, null, '2025-01-02T03:04:05.000Z']]);
    expect(rb.warnings).toEqual(warned);
  });
});
