import { describe, expect, it } from 'vitest';
import { SortOperator, SortOperatorFactory } from '../../src/compute/sort-operator.js';
import { drive, intPages, pageOf, rowsOf, testContext } from './helpers.js';
import { operatorContract } from './operator-contract.js';

operatorContract({
  name: 'Sort',
  factory: () => new SortOperatorFactory([{ channel: 0, type: 'integer', asc: true, nullsFirst: false }]),
  description: 'SortOperator[sortOrders = [SortOrder[channel=0, asc=true, nullsFirst=false]]]',
  input: () => intPages(20, 7),
});

describe('SortOperator', () => {
  it('sorts every row across pages, keeping nulls and multi-values of the other columns', () => {
    const pages = [
      pageOf(['integer', [3, null]], ['keyword', [['x', 'y'], 'n']]),
      pageOf(['integer', [1, 2]], ['keyword', [null, 'b']]),
    ];
    const op = new SortOperator(testContext(), [{ channel: 0, type: 'integer', asc: true, nullsFirst: false }]);
    expect(rowsOf(drive(op, pages))).toEqual([
      [1, null],
      [2, 'b'],
      [3, ['x', 'y']],
      [null, 'n'],
    ]);
  });

  it('emits large sorts in pages of bounded size', () => {
    const op = new SortOperator(testContext(), [{ channel: 0, type: 'integer', asc: false, nullsFirst: false }]);
    const out = drive(op, intPages(20_000, 3000));
    expect(out.length).toBeGreaterThan(1);
    const values = rowsOf(out).flat();
    expect(values.length).toBe(20_000);
    expect(values[0]).toBe(19_999);
    expect(values[19_999]).toBe(0);
  });

  it('is stable: equal keys keep arrival order', () => {
    const op = new SortOperator(testContext(), [{ channel: 0, type: 'boolean', asc: false, nullsFirst: false }]);
    const page = pageOf(['boolean', [false, true, false, true]], ['integer', [1, 2, 3, 4]]);
    expect(rowsOf(drive(op, [page])).map((r) => r[1])).toEqual([2, 4, 1, 3]);
  });
});

describe('SortOperator against a reference sort', () => {
  it('orders random rows with nulls on two keys like a plain comparator sort', () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const n = 3000;
    const a: (number | null)[] = [];
    const b: (string | null)[] = [];
    const id: number[] = [];
    for (let i = 0; i < n; i++) {
      a.push(rand() < 0.1 ? null : Math.floor(rand() * 20) - 10);
      b.push(rand() < 0.1 ? null : String.fromCharCode(97 + Math.floor(rand() * 5)));
      id.push(i);
    }
    const pages = [];
    for (let from = 0; from < n; from += 700)
      pages.push(pageOf(['integer', a.slice(from, from + 700)], ['keyword', b.slice(from, from + 700)], ['integer', id.slice(from, from + 700)]));
    const op = new SortOperator(testContext(), [
      { channel: 0, type: 'integer', asc: true, nullsFirst: false },
      { channel: 1, type: 'keyword', asc: false, nullsFirst: true },
    ]);
    const got = rowsOf(drive(op, pages)).map((r) => r[2]);
    const nullsCmp = (x: unknown, y: unknown, nullsFirst: boolean) =>
      x === null ? (y === null ? 0 : nullsFirst ? -1 : 1) : y === null ? (nullsFirst ? 1 : -1) : null;
    const expected = [...id].sort((x, y) => {
      const c0 = nullsCmp(a[x], a[y], false) ?? (a[x] as number) - (a[y] as number);
      if (c0 !== 0) return c0;
      const c1 = nullsCmp(b[x], b[y], true) ?? -(b[x] as string).localeCompare(b[y] as string);
      if (c1 !== 0) return c1;
      return x - y;
    });
    expect(got).toEqual(expected);
  });
});
