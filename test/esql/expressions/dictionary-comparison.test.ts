import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockFromValues } from '../../../src/compute/block-builder.js';
import { type Block, NULL_ORDINAL } from '../../../src/compute/block.js';
import { dictionaryBlock } from '../../../src/compute/dictionary-block.js';
import type { Page } from '../../../src/compute/page.js';
import { compareUtf8 } from '../../../src/compute/value-order.js';
import type { ComparisonOp } from '../../../src/esql/ast.js';
import type { ExpressionEvaluator } from '../../../src/esql/evaluator.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { ConstantComparisonEvaluator } from '../../../src/esql/expressions/constant-comparison-evaluator.js';
import { ordinalOf, selectDictionaryEquals } from '../../../src/esql/expressions/dictionary-comparison.js';
import { InEvaluator } from '../../../src/esql/expressions/in-evaluator.js';
import { LiteralEvaluator } from '../../../src/esql/expressions/literal-evaluator.js';
import { positionValue } from '../../../src/esql/result-values.js';
import { Warnings } from '../../../src/esql/warnings.js';
import { asDictionary, keywordCell, word } from '../../compute/dictionary-fixtures.js';

const source = { line: 1, column: 7, text: 'host op k' };
const valuesOf = (b: Block) => Array.from({ length: b.positionCount }, (_, p) => positionValue(b, p));
const pageWith = (b: Block): Page => ({ positionCount: b.positionCount, blocks: [b] });
const column = () => new ColumnEvaluator(0, 'host');

/** eval, selectPositions and the warnings of one evaluator kind over one page. */
function run(make: (w: Warnings) => ExpressionEvaluator, page: Page) {
  const evalWarnings = new Warnings();
  const values = valuesOf(make(evalWarnings).eval(page));
  const selector = make(new Warnings()) as Partial<{ selectPositions(page: Page, out: Int32Array): number }>;
  let positions: number[] | null = null;
  if (selector.selectPositions !== undefined) {
    const out = new Int32Array(page.positionCount);
    const count = selector.selectPositions(page, out);
    positions = count < 0 ? null : Array.from(out.subarray(0, count));
  }
  return { values, positions, warnings: evalWarnings.list() };
}

describe('keyword comparisons on dictionary blocks', () => {
  for (const op of ['==', '!='] as ComparisonOp[]) {
    it(`host ${op} "literal" agrees with the string path (nulls, multi-values, absent literals)`, () => {
      fc.assert(
        fc.property(fc.boolean().chain((m) => fc.array(keywordCell(m), { minLength: 1, maxLength: 30 })), word, fc.boolean(), (cells, k, first) => {
          const plain = blockFromValues('keyword', cells);
          const make = (w: Warnings) => new ConstantComparisonEvaluator(op, column(), k, first, source, w);
          const want = run(make, pageWith(plain));
          expect(run(make, pageWith(asDictionary(plain, ['zzz'])))).toEqual(want);
        }),
      );
    });
  }

  for (const negated of [false, true]) {
    it(`host ${negated ? 'NOT ' : ''}IN (literals) agrees with the string path`, () => {
      fc.assert(
        fc.property(fc.boolean().chain((m) => fc.array(keywordCell(m), { minLength: 1, maxLength: 30 })), fc.array(word, { minLength: 1, maxLength: 3 }), (cells, list) => {
          const plain = blockFromValues('keyword', cells);
          const make = (w: Warnings) =>
            new InEvaluator({ kind: 'string', compare: compareUtf8 }, column(), list.map((v) => new LiteralEvaluator('keyword', v)), negated, source, w);
          expect(run(make, pageWith(asDictionary(plain, [])))).toEqual(run(make, pageWith(plain)));
        }),
      );
    });
  }

  for (const op of ['==', '!='] as ComparisonOp[]) {
    it(`host ${op} "literal": the branchy selection after a one-sided page, and refinePositions, agree with the string path`, () => {
      fc.assert(
        fc.property(fc.array(fc.option(word, { nil: null }), { minLength: 1, maxLength: 40 }), word, fc.array(fc.boolean(), { maxLength: 40 }), (cells, k, keep) => {
          const plain = blockFromValues('keyword', cells);
          const dict = pageWith(asDictionary(plain, ['zzz']));
          const want = cells.flatMap((v, p) => (v !== null && (v === k) === (op === '==') ? [p] : []));
          const e = new ConstantComparisonEvaluator(op, column(), k, false, source, new Warnings());
          // A page where nothing (==) or everything (!=) matches makes the next selection branchy.
          const oneSided = blockFromValues('keyword', new Array<string>(32).fill(`${k}-other`));
          e.selectPositions(pageWith(asDictionary(oneSided, [])), new Int32Array(32));
          const out = new Int32Array(cells.length);
          expect(Array.from(out.subarray(0, e.selectPositions(dict, out)))).toEqual(want);
          // Refining a subset keeps, in order, the subset's matching positions (out aliases the input).
          const subset = Int32Array.from(cells.flatMap((_, p) => (keep[p] === true ? [p] : [])));
          const kept = e.refinePositions(dict, subset, subset.length, subset);
          expect(Array.from(subset.subarray(0, kept))).toEqual(want.filter((p) => keep[p] === true));
        }),
      );
    });
  }

  it('IN with a null in the list keeps SQL semantics (unmatched rows are null)', () => {
    const plain = blockFromValues('keyword', ['a', 'b', null]);
    const list = [new LiteralEvaluator('keyword', 'a'), new LiteralEvaluator('keyword', null)];
    const e = new InEvaluator({ kind: 'string', compare: compareUtf8 }, column(), list, false, source, new Warnings());
    expect(valuesOf(e.eval(pageWith(asDictionary(plain, []))))).toEqual([true, null, null]);
  });

  it('selects == positions on 16-bit ordinals the same branchy or not: any length, offset, density, the null placeholder', () => {
    const terms = ['t0', 't1', 't2', 't3'];
    const ordinal = fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.constant(NULL_ORDINAL));
    fc.assert(
      fc.property(fc.array(ordinal, { maxLength: 300 }), fc.nat(3), fc.nat(3), (ords, offset, t) => {
        // An offset into a shared buffer: odd offsets are not 4-byte aligned.
        const buffer = new Uint16Array(offset + ords.length);
        buffer.set(ords, offset);
        const view = buffer.subarray(offset);
        const nulls = Uint8Array.from(ords, (o) => (o === NULL_ORDINAL ? 1 : 0));
        const b = dictionaryBlock('keyword', ords.length, { ordinals: view, terms }, nulls.includes(1) ? nulls : undefined);
        const expected = ords.flatMap((o, p) => (o === t ? [p] : []));
        for (const branchy of [true, false]) {
          const out = new Int32Array(ords.length);
          const c = selectDictionaryEquals(b, terms[t], false, out, ords.length, branchy);
          expect(Array.from(out.subarray(0, c)), `branchy ${branchy}`).toEqual(expected);
        }
      }),
    );
  });

  it('resolves a literal against a term list that grows after the first lookup', () => {
    const terms = ['a'];
    expect(ordinalOf(terms, 'b')).toBeLessThan(0);
    terms.push('b');
    expect(ordinalOf(terms, 'b')).toBe(1);
    expect(ordinalOf(terms, 'a')).toBe(0);
  });
});
