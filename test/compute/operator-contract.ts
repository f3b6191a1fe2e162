import { describe, expect, it } from 'vitest';
import type { DriverContext, Operator, OperatorFactory } from '../../src/compute/operator.js';
import type { Page } from '../../src/compute/page.js';
import { drive, testContext } from './helpers.js';

export interface OperatorTestCase {
  readonly name: string;
  readonly factory: () => OperatorFactory;
  /** ES-style describe() text. */
  readonly description: string;
  /** Some input pages; the operator must accept them and produce well-formed pages. */
  readonly input: () => Page[];
  /** Positions expected after finish with no input (e.g. 1 for STATS without BY). */
  readonly outputWithNoInput?: number;
  readonly ctx?: () => DriverContext;
  /** The operator completes rows asynchronously (DELAY): its data path is tested with a Driver instead. */
  readonly asynchronous?: boolean;
}

/**
 * The Operator contract every operator must honour (ES OperatorTestCase): the call protocol of
 * needsInput / addInput / finish / isFinished / getOutput / close, finishing with no input, and
 * the describe() text.
 */
export function operatorContract(tc: OperatorTestCase): void {
  describe(`${tc.name} operator contract`, () => {
    const make = (): Operator => tc.factory().get(tc.ctx?.() ?? testContext());

    it('describes itself as ES does', () => {
      expect(tc.factory().describe()).toBe(tc.description);
      expect(make().toString()).toMatch(/^[A-Za-z]+Operator\[/);
    });

    it('starts needing input, not finished, with no output', () => {
      const op = make();
      expect(op.needsInput()).toBe(true);
      expect(op.isFinished()).toBe(false);
      expect(op.getOutput()).toBeNull();
      op.close();
    });

    it('finishes with no input', () => {
      const op = make();
      const out = drive(op, []);
      expect(op.isFinished()).toBe(true);
      expect(out.reduce((n, p) => n + p.positionCount, 0)).toBe(tc.outputWithNoInput ?? 0);
      expect(op.needsInput()).toBe(false);
      expect(op.getOutput()).toBeNull();
      op.close();
    });

    // An asynchronous operator (DELAY) only produces rows while a Driver awaits it; its data path is
    // covered by the driver tests instead of this synchronous drive.
    if (tc.asynchronous !== true) {
      it('produces well-formed pages and then stays finished', () => {
        const op = make();
        const out = drive(op, tc.input());
        for (const p of out) {
          for (const b of p.blocks) {
            expect(b.positionCount).toBe(p.positionCount);
            if (b.nulls !== undefined) expect(b.nulls.length).toBeGreaterThanOrEqual(p.positionCount);
            if (b.firstValueIndexes !== undefined) expect(b.firstValueIndexes.length).toBe(p.positionCount + 1);
          }
        }
        expect(op.isFinished()).toBe(true);
        expect(op.needsInput()).toBe(false);
        expect(op.getOutput()).toBeNull();
        op.close();
      });
    }

    it('can be closed before finishing', () => {
      const op = make();
      const [first] = tc.input();
      if (first !== undefined && op.needsInput()) op.addInput(first);
      expect(() => op.close()).not.toThrow();
    });
  });
}
