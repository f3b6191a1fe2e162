import type { CopiedSpan } from './query-text.js';

const POSITION = /^Line (\d+):(\d+):/;

/**
 * One half's warnings with their `Line L:C:` positions moved to where that text sits in the user's
 * query (SplitPlan.workerSpans / finalSpans), so a split query warns as the unsplit one does. A
 * position in generated text (the coordinator's combining SUM, say) is left as it is.
 */
export function userWarnings(spans: readonly CopiedSpan[], warnings: readonly string[]): string[] {
  return warnings.map((w) => {
    const m = POSITION.exec(w);
    if (m === null) return w;
    const line = Number(m[1]);
    const column = Number(m[2]);
    const span = spans.find((s) => s.line === line && column >= s.column && column < s.column + s.length);
    if (span === undefined) return w;
    return `Line ${span.userLine}:${span.userColumn + column - span.column}:${w.slice(m[0].length)}`;
  });
}
