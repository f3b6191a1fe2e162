import { BlockBuilder } from '../../compute/block-builder.js';
import { type Block, firstValueIndex, valueCount } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { PatternExtractor } from './pattern-extractor.js';

/**
 * One evaluator per DISSECT/GROK output field. They run one after another on the same page, so the
 * first one parses every row into all fields and the others read its result.
 */
export function extractEvaluators(
  extractor: PatternExtractor,
  channel: number,
): ExpressionEvaluator[] {
  const shared = new SharedExtraction(extractor, channel);
  return extractor.fields.map((f, i) => ({
    eval: (page: Page) => shared.blocks(page)[i],
    toString: () => `${extractor}[field=${f.name}]`,
  }));
}

class SharedExtraction {
  private lastInput: Block | null = null;
  private lastOutput: Block[] = [];

  constructor(
    private readonly extractor: PatternExtractor,
    private readonly channel: number,
  ) {}

  blocks(page: Page): Block[] {
    const input = page.blocks[this.channel];
    if (input === this.lastInput) return this.lastOutput;
    const fields = this.extractor.fields;
    const n = page.positionCount;
    const builders = fields.map((f) => new BlockBuilder(f.type, n));
    const values: (string | number | boolean)[][] = fields.map(() => []);
    const strings = input.values as string[] | null;
    for (let p = 0; p < n; p++) {
      for (let f = 0; f < values.length; f++) values[f].length = 0;
      // A multi-valued input is parsed value by value; the captures of every match accumulate.
      let matched = false;
      const count = valueCount(input, p);
      const start = firstValueIndex(input, p);
      for (let k = 0; k < count && strings !== null; k++) {
        if (this.extractor.extract(strings[start + k], values)) matched = true;
      }
      for (let f = 0; f < builders.length; f++) {
        const b = builders[f];
        const v = values[f];
        if (!matched || v.length === 0) b.appendNull();
        else if (v.length === 1) b.appendScalar(v[0]);
        else {
          b.beginPositionEntry();
          for (const x of v) b.appendScalar(x);
          b.endPositionEntry();
        }
      }
    }
    this.lastInput = input;
    this.lastOutput = builders.map((b) => b.build());
    return this.lastOutput;
  }
}
