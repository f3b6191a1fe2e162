import { describe, expect, it } from 'vitest';
import { DATA_TYPES, type DataType } from '../../src/compute/data-type.js';
import type { ColumnInfo, Value } from '../../src/esql/query-engine.js';
import { isPartialType, partialIndex } from '../../src/parallel/partial-index.js';
import { PARTIALS_INDEX } from '../../src/parallel/split-plan.js';
import { SEGMENT_SIZE } from '../../src/storage/stored-index.js';
import { catalogOf, cutSegments, run } from './split-harness.js';
import { mixedIndex } from './split-mixed-index.js';

const COLUMNS: ColumnInfo[] = [
  { name: 'z_int', type: 'integer' },
  { name: 'y_long', type: 'long' },
  { name: 'x_ul', type: 'unsigned_long' },
  { name: 'w_double', type: 'double' },
  { name: 'v_kw', type: 'keyword' },
  { name: 'u_text', type: 'text' },
  { name: 't_bool', type: 'boolean' },
  { name: 's_dt', type: 'datetime' },
  { name: 'r_ip', type: 'ip' },
  { name: 'q_version', type: 'version' },
  { name: 'p_null', type: 'null' },
];
const NAMES = COLUMNS.map((c) => `\`${c.name}\``).join(', ');

/** Rows as EsqlEngine renders them: bigints beyond 2^53, ISO datetimes, arrays for multi-values. */
const ROWS: Value[][] = [
  [1, 2, 3n, 1.5, 'a', 'text one', true, '2024-01-01T00:00:00.000Z', '10.0.0.1', '1.2.3', null],
  [null, null, null, null, null, null, null, null, null, null, null],
  [-7, 2n ** 60n + 1024n, 2n ** 64n - 1n, -0, ['b', 'c'], ['zz', 'aa'], [false, true], '+010000-01-01T00:00:00.005Z', ['::1', '10.0.0.2'], ['1.0.0', '2.0.0-beta'], null],
  [[3, 1, 2], 9223372036854775807n, 0n, [2.5, -1], ['c', 'c', 'a'], 'x', false, ['1969-12-31T23:59:59.999Z', '1960-02-29T12:00:00.000Z'], '::ffff:1.2.3.4', '10.1', null],
  [[5, 5], -(2n ** 55n), [1n, 18446744073709551615n], 1e308, [], 'y', true, '0001-01-01T00:00:00.000Z', null, null, null],
];
/** `[]` reads back as null, like an empty multi-value everywhere else. */
const EXPECTED = ROWS.map((r) => r.map((v) => (Array.isArray(v) && v.length === 0 ? null : v)));

describe('isPartialType', () => {
  it('accepts every stored type and refuses anything else', () => {
    for (const t of DATA_TYPES) expect(isPartialType(t)).toBe(true);
    expect(isPartialType('geo_point' as DataType)).toBe(false);
    expect(isPartialType('date_period' as DataType)).toBe(false);
  });
});

describe('partialIndex', () => {
  it('reads back exactly what the workers returned, every type, null and multi-value order included', async () => {
    const index = partialIndex(COLUMNS, [ROWS.slice(0, 2), [], ROWS.slice(2)]);
    expect(index.name).toBe(PARTIALS_INDEX);
    expect(index.columns).toEqual(COLUMNS);
    expect(index.rowCount).toBe(ROWS.length);
    const back = await run(catalogOf(index), `FROM ${PARTIALS_INDEX} | KEEP ${NAMES}`);
    expect(back.columns).toEqual(COLUMNS);
    expect(back.values).toEqual(EXPECTED);
  });

  it('cuts many rows into SEGMENT_SIZE segments', async () => {
    const many = Array.from({ length: 2 * SEGMENT_SIZE + 5 }, (_, i): Value[] => [i, `k${i % 3}`]);
    const columns: ColumnInfo[] = [
      { name: 'n', type: 'integer' },
      { name: 'k', type: 'keyword' },
    ];
    const index = partialIndex(columns, [many.slice(0, 100), many.slice(100)]);
    expect(index.segments.map((s) => s.positionCount)).toEqual([SEGMENT_SIZE, SEGMENT_SIZE, 5]);
    const back = await run(catalogOf(index), 'FROM partials | STATS c = COUNT(*), s = SUM(n) BY k | SORT k');
    const third = (r: number) => many.filter((_, i) => i % 3 === r);
    expect(back.values).toEqual([0, 1, 2].map((r) => [third(r).length, third(r).reduce((s, x) => s + (x[0] as number), 0), `k${r}`]));
  });

  it('has no segment when no worker returned a row, and still answers queries', async () => {
    const index = partialIndex(COLUMNS, [[], []]);
    expect(index.rowCount).toBe(0);
    expect(index.segments).toEqual([]);
    expect((await run(catalogOf(index), 'FROM partials | STATS c = COUNT(*), m = MAX(y_long)')).values).toEqual([[0, null]]);
  });

  it('round-trips a real worker result: functions over the read-back rows see the same values', async () => {
    const catalog = catalogOf(cutSegments(mixedIndex(200), 16));
    const query =
      'FROM mixed | EVAL parts = SPLIT(CONCAT(g, ",a,", t), ","), both = MV_APPEND(k, "a") | KEEP id, parts, both, i, d, dt, ip, v, ul, big, b, t | SORT id | LIMIT 200';
    const worker = await run(catalog, query);
    const index = partialIndex(worker.columns, [worker.values.slice(0, 70), worker.values.slice(70)]);
    const names = worker.columns.map((c) => c.name).join(', ');
    const back = await run(catalogOf(index), `FROM partials | KEEP ${names}`);
    expect(back.values).toEqual(worker.values);
    const mv = 'EVAL f = MV_FIRST(parts), l = MV_LAST(both), m = MV_MIN(i), s = MV_SORT(both, "desc") | KEEP id, f, l, m, s | SORT id';
    const direct = await run(catalog, `${query} | ${mv}`);
    expect((await run(catalogOf(index), `FROM partials | ${mv}`)).values).toEqual(direct.values);
  });

  it('refuses a column type it cannot store exactly', () => {
    expect(() => partialIndex([{ name: 'p', type: 'geo_point' as DataType }], [[]])).toThrow(/cannot be a partial/);
  });
});
