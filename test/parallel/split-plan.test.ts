import { describe, expect, it } from 'vitest';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { splitPlan } from '../../src/parallel/split-plan.js';
import { catalogOf, cutSegments, expectSplitMatches, run } from './split-harness.js';
import { mixedIndex } from './split-mixed-index.js';

const logs = cutSegments(generateLogs(20_000, 7), 1000);
const mixed = cutSegments(mixedIndex(400), 16);
const catalog = catalogOf(logs, mixed);

describe('splitPlan: the rewritten queries', () => {
  it('Q1: COUNT becomes a worker COUNT and a final SUM under the user name', () => {
    expect(splitPlan('FROM logs | WHERE status == 500 | STATS c = COUNT(*)')).toMatchObject({
      index: 'logs',
      workerQuery: 'FROM logs | WHERE status == 500 | STATS `$qactor.agg0` = COUNT(*) | LIMIT 10000',
      finalQuery: 'FROM partials | STATS `c` = (SUM(`$qactor.agg0`))',
      workerRowLimit: 10000,
    });
  });

  it('Q2: AVG becomes an AVG and a COUNT; the commands after STATS follow unchanged', () => {
    const plan = splitPlan('FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10');
    expect(plan?.workerQuery).toBe(
      'FROM logs | STATS `$qactor.agg0` = AVG(latency_ms), `$qactor.agg1` = COUNT(latency_ms), `$qactor.agg2` = SUM(bytes) BY host | LIMIT 10000',
    );
    expect(plan?.finalQuery).toBe(
      'FROM partials | STATS `avg_lat` = (SUM(`$qactor.agg0` * `$qactor.agg1`) / SUM(`$qactor.agg1`)), `total` = (SUM(`$qactor.agg2`)) BY `host` | SORT total DESC | LIMIT 10',
    );
  });

  it('Q3: TopN runs SORT | LIMIT on both sides, and the final KEEP restores the column order', () => {
    const q = 'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC | LIMIT 100';
    expect(splitPlan(q)).toMatchObject({
      index: 'logs',
      workerQuery: q,
      finalQuery: 'FROM partials | KEEP `@timestamp`, `host`, `kb` | SORT kb DESC | LIMIT 100',
    });
  });

  it('TopN after EVAL only: re-assigning the evaluated names moves them behind the index columns', () => {
    expect(splitPlan('FROM logs | EVAL x = bytes % 7, `a b` = 1 | SORT x | LIMIT 5')?.finalQuery).toBe(
      'FROM partials | EVAL `x` = `x`, `a b` = `a b` | SORT x | LIMIT 5',
    );
  });

  it('params: named and positional ones go to both halves, anonymous ones to the half that copied them', () => {
    const anonymous = splitPlan('FROM logs | WHERE status == ? | STATS a = AVG(bytes + ?) WHERE bytes > ? BY host | LIMIT ?', [500, 1, 1000, 5]);
    expect(anonymous).toMatchObject({
      workerQuery:
        'FROM logs | WHERE status == ? | STATS `$qactor.agg0` = AVG(bytes + ?) WHERE bytes > ?, `$qactor.agg1` = COUNT(bytes + ?) WHERE bytes > ? BY host | LIMIT 10000',
      workerParams: [500, 1, 1000, 1, 1000],
      finalQuery:
        'FROM partials | STATS `a` = (SUM(`$qactor.agg0` * `$qactor.agg1`) / SUM(`$qactor.agg1`)) BY `host` | LIMIT ?',
      finalParams: [5],
    });
    const named = splitPlan('FROM logs | WHERE status == ?s | SORT bytes | LIMIT ?n', { s: 500, n: 3 });
    expect(named).toMatchObject({ workerParams: { s: 500, n: 3 }, finalParams: { s: 500, n: 3 } });
    const positional = splitPlan('FROM logs | WHERE status == ?2 | STATS c = COUNT(*) | LIMIT ?1', [3, 500]);
    expect(positional).toMatchObject({ workerParams: [3, 500], finalParams: [3, 500] });
    expect(splitPlan('FROM logs | STATS c = COUNT(*)')).not.toHaveProperty('workerParams');
  });

  it.each([
    ['a non-decomposable aggregate', 'FROM logs | STATS COUNT_DISTINCT(host)'],
    ['MEDIAN', 'FROM logs | STATS m = MEDIAN(bytes) BY host'],
    ['VALUES next to a decomposable one', 'FROM logs | STATS c = COUNT(*), v = VALUES(status)'],
    ['PERCENTILE inside an expression', 'FROM logs | STATS p = ROUND(PERCENTILE(bytes, 90))'],
    ['TOP', 'FROM logs | STATS t = TOP(bytes, 3, "desc")'],
    ['AVG of a constant (constant even over no rows)', 'FROM logs | STATS a = AVG(5)'],
    ['a LIMIT before the split point', 'FROM logs | LIMIT 10 | STATS COUNT(*)'],
    ['a SORT without LIMIT', 'FROM logs | SORT bytes'],
    ['SORT, SORT, LIMIT', 'FROM logs | SORT bytes | SORT status | LIMIT 3'],
    ['no split point', 'FROM logs | WHERE status == 500 | EVAL x = 1'],
    ['a wildcard index', 'FROM log* | STATS COUNT(*)'],
    ['two indices', 'FROM logs, mixed | STATS COUNT(*)'],
    ['METADATA', 'FROM logs METADATA _index | STATS COUNT(*)'],
    ['a remote index', 'FROM remote:logs | STATS COUNT(*)'],
    ['ROW', 'ROW a = 1 | STATS COUNT(*)'],
    ['a syntax error', 'FROM logs | STATS COUNT(*'],
    ['shadowed names (a warning names positions of the user query)', 'FROM logs | STATS c = COUNT(*), c = SUM(bytes)'],
    ['a name using the helper prefix', 'FROM logs | STATS `$qactor.agg0` = COUNT(*)'],
    ['TopN after a RENAME of an index column (order unknown)', 'FROM logs | RENAME status AS code | SORT bytes | LIMIT 5'],
    ['TopN after DISSECT without KEEP (new names unknown)', 'FROM logs | DISSECT message "%{verb} %{path}" | SORT bytes | LIMIT 5'],
    ['TopN after a wildcard KEEP', 'FROM logs | KEEP h*, bytes | SORT bytes | LIMIT 5'],
    ['a KEEP whose backticked name holds a `*` (a pattern for KEEP)', 'FROM logs | EVAL `x*y` = 1 | KEEP `x*y`, host | SORT host | LIMIT 4'],
    ['a TopN over MAX_RESULT_ROWS followed by more commands', 'FROM logs | SORT bytes | LIMIT 20000 | STATS c = COUNT(*)'],
  ])('refuses %s', (_, query) => {
    expect(splitPlan(query)).toBeNull();
  });
});

describe('split = unsplit over the demo logs (K = 1, 2, 3 partitions of 20 segments)', () => {
  it.each([
    'FROM logs | WHERE status == 500 | STATS c = COUNT(*)',
    'FROM logs | STATS c = COUNT(*) BY status, message',
    'FROM logs | STATS COUNT(*), AVG(latency_ms), SUM(bytes), MIN(@timestamp), MAX(host)',
    'FROM logs | STATS c = COUNT(*), s = SUM(bytes), mn = MIN(latency_ms), mx = MAX(@timestamp), a = AVG(status) BY host',
    'FROM logs | STATS c = COUNT(*) WHERE status == 500, a = AVG(bytes) WHERE host == "host-1", m = MAX(bytes) BY message',
    'FROM logs | STATS r = ROUND(AVG(latency_ms), 2), spread = MAX(bytes) - MIN(bytes), x = SUM(bytes) / COUNT(*) BY status',
    'FROM logs | STATS c = COUNT(*) BY hour = DATE_TRUNC(1 hour, @timestamp), status % 100',
    'FROM logs | STATS a = AVG(latency_ms) + code BY code = status',
    'FROM logs | STATS m = MAX(s) BY s = status',
    'FROM logs | STATS BY status',
    'FROM logs | STATS c = COUNT(status), a = AVG(bytes * 2), s = SUM(latency_ms / 3) BY message',
    'FROM logs | WHERE status > 1000 | STATS c = COUNT(*), s = SUM(bytes), a = AVG(latency_ms), m = MIN(host)',
    'FROM logs | WHERE status > 1000 | STATS c = COUNT(*) BY host',
    'FROM logs | EVAL kb = bytes / 1024 | STATS m = MAX(kb), n = MIN(message) BY host',
    'FROM logs | DISSECT message "%{verb} %{path}" | STATS c = COUNT(*), a = AVG(latency_ms) BY verb',
    'FROM logs | KEEP host, bytes | RENAME bytes AS b | STATS total = SUM(b) BY host',
    'FROM logs | STATS c = COUNT(*), s = SUM(5), k = COUNT(1) BY status',
  ])('%s', async (query) => {
    await expectSplitMatches(catalog, query);
  });

  it.each([
    ['FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10', {}],
    ['FROM logs | STATS c = COUNT(*) BY status | EVAL pct = c * 100.0 / 20000 | SORT c DESC | LIMIT 3', { ordered: true }],
    ['FROM logs | STATS c = COUNT(*) BY host | SORT c DESC, host | LIMIT 5 | EVAL double = c * 2', { ordered: true }],
    ['FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC | LIMIT 100', { keyColumns: ['kb'] }],
    ['FROM logs | SORT latency_ms DESC, @timestamp | LIMIT 7', { ordered: true }],
    ['FROM logs | EVAL x = bytes % 7 | SORT x, @timestamp | LIMIT 20 | EVAL y = x * 2', { ordered: true }],
    ['FROM logs | SORT status DESC | LIMIT 30', { keyColumns: ['status'] }],
    ['FROM logs | KEEP host, bytes | SORT bytes | LIMIT 5', { ordered: true }],
    ['FROM logs | DROP message | EVAL status = status + 1 | SORT bytes DESC | LIMIT 10', { ordered: true }],
    ['FROM logs | EVAL bytes * 2, status | SORT `bytes * 2` | LIMIT 4', { ordered: true }],
    ['FROM logs | KEEP host, bytes | EVAL bytes * 2 | SORT `bytes * 2` DESC | LIMIT 4', { ordered: true }],
    ['FROM logs | DISSECT message "%{verb} %{path}" | KEEP path, verb, bytes | SORT bytes DESC | LIMIT 6', { ordered: true }],
    ['FROM logs | SORT bytes DESC | LIMIT 100 | STATS c = COUNT(*) BY status', {}],
    ['FROM logs | SORT bytes | LIMIT 15000', { keyColumns: ['bytes'] }],
  ] as const)('%s', async (query, options) => {
    await expectSplitMatches(catalog, query, options);
  });

  it('Q4 as the bench runs it', async () => {
    const plan = await expectSplitMatches(catalog, 'FROM logs | STATS c = COUNT(*) BY status, message');
    expect(plan.workerRowLimit).toBe(10000);
  });

  it('params, anonymous and named, map into both halves', async () => {
    await expectSplitMatches(catalog, 'FROM logs | WHERE status == ? | STATS c = COUNT(*) WHERE bytes > ? BY host | SORT c DESC, host | LIMIT ?', { ordered: true }, [500, 100000, 5]);
    await expectSplitMatches(catalog, 'FROM logs | WHERE status == ?s | EVAL x = bytes + ?d | SORT x DESC | LIMIT ?n', { ordered: true }, { s: 404, d: 7, n: 4 });
    await expectSplitMatches(catalog, 'FROM logs | STATS a = AVG(bytes + ?) WHERE status == ?', {}, [1, 200]);
    await expectSplitMatches(catalog, 'FROM logs | WHERE status == ?2 | STATS c = COUNT(*) BY host | SORT c DESC, host | LIMIT ?1', { ordered: true }, [3, 500]);
  });
});

describe('split = unsplit over every type, nulls and multi-values (25 segments of 16 rows)', () => {
  it.each([
    'FROM mixed | STATS c = COUNT(i), s = SUM(i), a = AVG(i), mn = MIN(k), mx = MAX(k), d1 = MAX(dt), ip1 = MIN(ip), v1 = MAX(v), b1 = MIN(b), sd = SUM(d), ad = AVG(d), ul1 = MAX(ul), t1 = MIN(t) BY g',
    'FROM mixed | STATS c = COUNT(*), a = AVG(l), s = SUM(l), m = MIN(big), x = MAX(big) BY k',
    'FROM mixed | STATS c = COUNT(*), ci = COUNT(i) BY i',
    'FROM mixed | STATS c = COUNT(*) BY ip, v',
    'FROM mixed | STATS c = COUNT(*), a = AVG(d) BY b, dt_day = DATE_TRUNC(1 day, dt)',
    'FROM mixed | STATS n = COUNT(*) WHERE i IS NULL, a = AVG(i) WHERE g == "g1", mx = MAX(t) WHERE b BY g',
    'FROM mixed | WHERE id < 0 | STATS c = COUNT(*), a = AVG(d), m = MIN(dt), s = SUM(i)',
    'FROM mixed | MV_EXPAND k | STATS c = COUNT(*), s = SUM(i) BY k',
    'FROM mixed | EVAL n = null | STATS c = COUNT(n), m = MAX(n) BY g',
    // The longs sum past 2^63: an exact long SUM would overflow, AVG's double sum does not.
    'FROM mixed | STATS a = AVG(big), w = AVG(big) WHERE id > 100, a2 = AVG(big) BY g',
    'FROM mixed | STATS a = AVG(big), c = COUNT(big)',
  ])('%s', async (query) => {
    await expectSplitMatches(catalog, query);
  });

  it.each([
    'FROM mixed | SORT id | LIMIT 50',
    'FROM mixed | SORT id DESC | LIMIT 50 | KEEP id, k, ul, big, dt',
    'FROM mixed | EVAL parts = SPLIT("c,a,b,a", ","), back = MV_APPEND(i, 7) | SORT id | LIMIT 9',
    'FROM mixed | SORT d DESC NULLS LAST, id | LIMIT 40',
    'FROM mixed | WHERE g IS NOT NULL | SORT dt NULLS FIRST, id | LIMIT 25',
    'FROM mixed | EVAL n = null | SORT id | LIMIT 5',
  ])('%s', async (query) => {
    await expectSplitMatches(catalog, query, { ordered: true });
  });
});

describe('worker queries', () => {
  it('a worker STATS returns all its groups up to the row limit, not the default 1000', async () => {
    const plan = splitPlan('FROM logs | STATS c = COUNT(*) BY bytes')!;
    const worker = await run(catalogOf(logs), plan.workerQuery);
    expect(worker.values.length).toBeGreaterThan(1000);
    expect(worker.values.length).toBe(plan.workerRowLimit);
  });
});
