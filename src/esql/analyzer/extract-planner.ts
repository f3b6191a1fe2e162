import { isStringLike } from '../../compute/data-type.js';
import type { DissectCommand, GrokCommand } from '../ast.js';
import { DissectPattern } from '../expressions/dissect-pattern.js';
import { GrokPattern } from '../expressions/grok-pattern.js';
import type { PatternExtractor } from '../expressions/pattern-extractor.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { PlanBuilder } from './plan-builder.js';

/**
 * DISSECT / GROK: the input (evaluated into a temporary column when it is not one) feeds an extract
 * step that appends the pattern's fields; a field named like an existing column replaces it, and the
 * new fields end up last, in pattern order.
 */
export function planExtract(cmd: DissectCommand | GrokCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  const input = resolver.resolve(cmd.input, builder.layout);
  if (input.type !== 'null' && !isStringLike(input.type)) {
    resolver.problem(cmd.input.source, `Input for ${cmd.kind.toUpperCase()} must be of type [string] but is [${input.type}]`);
    return;
  }
  let extractor: PatternExtractor;
  try {
    extractor = cmd.kind === 'dissect' ? new DissectPattern(cmd.pattern, cmd.appendSeparator ?? '') : new GrokPattern(cmd.patterns);
  } catch (e) {
    resolver.problem(cmd.source, e instanceof Error ? e.message : String(e));
    return;
  }
  const width = builder.layout.length;
  let channel: number;
  if (input.kind === 'column') channel = input.channel;
  else {
    builder.eval([{ name: '$$extract', expr: input }]);
    channel = width;
  }
  const before = builder.layout.length;
  builder.add(
    { kind: 'extract', channel, extractor, source: cmd.source },
    [...builder.layout, ...extractor.fields.map((f) => ({ name: f.name, type: f.type }))],
  );
  const names = new Set(extractor.fields.map((f) => f.name));
  const keep: number[] = [];
  for (let c = 0; c < builder.layout.length; c++) {
    if (c >= width && c < before) continue; // the temporary input column
    if (c < before && names.has(builder.layout[c].name)) continue;
    keep.push(c);
  }
  builder.project(keep);
}
