import { describe, expect, it } from 'vitest';
import type { SortKey } from '../../src/compute/sort-buffer.js';
import { TopNOperator, TopNOperatorFactory } from '../../src/compute/top-n-operator.js';
import { drive, intPages, pageOf, rowsOf, testContext } from './helpers.js';
import { operatorContract } from './operator-contract.js';

const key = (channel: number, type: SortKey['type'], asc: boolean, nullsFirst = false): SortKey => ({
  channel,
  type,
  asc,
  nullsFirst,
});

operatorContract({
  name: 'TopN',
  factory: () => new TopNOperatorFactory([key(0, 'integer', false)], 3),
  description: 'TopNOperator[count = 3, sortOrders = [SortOrder[channel=0, asc=false, nullsFirst=false]]]',
  input: () => intPages(20, 7),
});

const topN = (keys: SortKey[], limit: number) => new TopNOperator(testContext(), keys, limit);

describe('TopNOperator', () => {
  it('keeps the best rows across pages', () => {
    const out = drive(topN([key(0, 'integer', false)], 3), intPages(100, 7));
    expect(rowsOf(out).flat()).toEqual([99, 98, 97]);
  });

  it('places nulls last or first as asked', () => {
    const page = pageOf(['long', [3, null, 1, null, 2]], ['keyword', ['a', 'b', 'c', 'd', 'e']]);
    expect(rowsOf(drive(topN([key(0, 'long', true)], 4), [page]))).toEqual([
      [1, 'c'],
      [2, 'e'],
      [3, 'a'],
      [null, 'b'],
    ]);
    expect(rowsOf(drive(topN([key(0, 'long', true, true)], 3), [page]))).toEqual([
      [null, 'b'],
      [null, 'd'],
      [1, 'c'],
    ]);
    // DESC NULLS FIRST: nulls still come first, they are not flipped by the direction.
    expect(rowsOf(drive(topN([key(0, 'long', false, true)], 3), [page]))).toEqual([
      [null, 'b'],
      [null, 'd'],
      [3, 'a'],
    ]);
  });

  it('is stable for ties: earlier rows win, also across the internal cut-back', () => {
    // 10_000 rows, all with key 1 except every 1000th with key 0: enough rows to trigger cut-backs.
    const keys: (number | null)[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      keys.push(i % 1000 === 999 ? 0 : 1);
      ids.push(i);
    }
    const pages = [];
    for (let from = 0; from < keys.length; from += 1000)
      pages.push(pageOf(['integer', keys.slice(from, from + 1000)], ['integer', ids.slice(from, from + 1000)]));
    const out = rowsOf(drive(topN([key(0, 'integer', true)], 15), pages));
    expect(out.map((r) => r[1])).toEqual([999, 1999, 2999, 3999, 4999, 5999, 6999, 7999, 8999, 9999, 0, 1, 2, 3, 4]);
  });

  it('sorts multi-valued keys by their min ascending and their max descending', () => {
    const page = pageOf(['integer', [[5, 1], 3, [2, 9], 4]], ['keyword', ['a', 'b', 'c', 'd']]);
    expect(rowsOf(drive(topN([key(0, 'integer', true)], 4), [page])).map((r) => r[1])).toEqual(['a', 'c', 'b', 'd']);
    expect(rowsOf(drive(topN([key(0, 'integer', false)], 4), [page])).map((r) => r[1])).toEqual(['c', 'a', 'd', 'b']);
  });

  it('sorts on several keys and on strings by UTF-8 bytes', () => {
    const page = pageOf(['keyword', ['b', 'a', 'b', '\u{1f600}', '\uff21']], ['double', [1, 2, 3, 4, 5]]);
    const out = rowsOf(drive(topN([key(0, 'keyword', true), key(1, 'double', false)], 5), [page]));
    expect(out).toEqual([
      ['a', 2],
      ['b', 3],
      ['b', 1],
      ['\uff21', 5],
      ['\u{1f600}', 4],
    ]);
  });

  it('orders ip, version and unsigned_long keys by their own order', () => {
    const ips = pageOf(['ip', ['10.0.0.1', '::1', '2.0.0.0']]);
    expect(rowsOf(drive(topN([key(0, 'ip', true)], 3), [ips])).flat()).toEqual(['::1', '2.0.0.0', '10.0.0.1']);
    const versions = pageOf(['version', ['2.3.4', 'bad', '2.12.0', '2.12.0-SNAPSHOT']]);
    expect(rowsOf(drive(topN([key(0, 'version', true)], 4), [versions])).flat()).toEqual([
      '2.3.4',
      '2.12.0-SNAPSHOT',
      '2.12.0',
      'bad',
    ]);
    const ul = pageOf(['unsigned_long', [18446744073709551615n, 1n, 9007199254740993n]]);
    expect(rowsOf(drive(topN([key(0, 'unsigned_long', false)], 2), [ul])).flat()).toEqual([
      18446744073709551615n,
      9007199254740993n,
    ]);
  });

  it('handles a large scan with a small limit and LIMIT 0', () => {
    const out = drive(topN([key(0, 'integer', true)], 5), intPages(200_000, 8192).reverse());
    expect(rowsOf(out).flat()).toEqual([0, 1, 2, 3, 4]);
    expect(drive(topN([key(0, 'integer', true)], 0), intPages(10, 5))).toEqual([]);
  });

  it('releases its memory on close', () => {
    const ctx = testContext();
    const op = new TopNOperator(ctx, [key(0, 'integer', true)], 10);
    op.addInput(intPages(100, 100)[0]);
    expect(ctx.blockFactory.reservedBytes).toBeGreaterThan(0);
    op.close();
    expect(ctx.blockFactory.reservedBytes).toBe(0);
  });
});

describe('TopNOperator against a reference sort', () => {
  let seed = 11;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const n = 20_000;
  const withNulls: (number | null)[] = [];
  const b: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    withNulls.push(rand() < 0.05 ? null : Math.floor(rand() * 50));
    b.push(rand() < 0.05 ? null : String.fromCharCode(97 + Math.floor(rand() * 26)));
  }
  // Without nulls the first key takes TopN's branch-free threshold loop.
  const dense = withNulls.map((v) => v ?? 7);
  const pages = (a: (number | null)[]) => {
    const out = [];
    for (let from = 0; from < n; from += 1000) {
      const ids = Array.from({ length: 1000 }, (_, i) => from + i);
      out.push(pageOf(['long', a.slice(from, from + 1000)], ['keyword', b.slice(from, from + 1000)], ['integer', ids]));
    }
    return out;
  };
  const cmpNull = (x: unknown, y: unknown, nullsFirst: boolean): number | null =>
    x === null ? (y === null ? 0 : nullsFirst ? -1 : 1) : y === null ? (nullsFirst ? 1 : -1) : null;

  for (const [nullable, a] of [
    [true, withNulls],
    [false, dense],
  ] as const)
    for (const asc of [true, false])
      for (const nullsFirst of [true, false])
        for (const twoKeys of [true, false])
          it(`nullable=${nullable} asc=${asc} nullsFirst=${nullsFirst} twoKeys=${twoKeys}`, () => {
            const keys = [key(0, 'long', asc, nullsFirst)];
            if (twoKeys) keys.push(key(1, 'keyword', !asc, !nullsFirst));
            const got = rowsOf(drive(topN(keys, 50), pages(a))).map((r) => r[2]);
            const ids = Array.from({ length: n }, (_, i) => i);
            ids.sort((x, y) => {
              const c0 = cmpNull(a[x], a[y], nullsFirst) ?? (asc ? 1 : -1) * ((a[x] as number) - (a[y] as number));
              if (c0 !== 0) return c0;
              if (twoKeys) {
                const c1 = cmpNull(b[x], b[y], !nullsFirst) ?? (asc ? -1 : 1) * (b[x] as string).localeCompare(b[y] as string);
                if (c1 !== 0) return c1;
              }
              return x - y;
            });
            expect(got).toEqual(ids.slice(0, 50));
          });
});
