import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';

/** Iterations without output before a detached operator is declared stuck (a bug, not a wait). */
const MAX_IDLE = 1_000;

/**
 * Runs `input` through fresh operators from `factories`, synchronously, to the end: how a preview
 * applies the operators downstream of a snapshot (e.g. the SORT | LIMIT after a STATS) without
 * touching the live pipeline. Returns null when an operator would have to wait (DELAY, I/O): a
 * preview never blocks the event loop, it just has nothing to show. Every operator is closed.
 */
export function runDetached(ctx: DriverContext, factories: readonly OperatorFactory[], input: readonly Page[]): Page[] | null {
  const operators: Operator[] = [];
  try {
    for (const f of factories) operators.push(f.get(ctx));
    let pages: readonly Page[] = input;
    for (const op of operators) {
      const out = runOne(op, pages);
      if (out === null) return null;
      pages = out;
    }
    return pages.slice();
  } finally {
    for (const op of operators) op.close();
  }
}

function runOne(op: Operator, input: readonly Page[]): Page[] | null {
  const out: Page[] = [];
  for (const page of input) {
    if (op.isFinished()) break;
    if (!op.needsInput() && !drain(op, out)) return null;
    if (!op.needsInput()) break;
    op.addInput(page);
    if (!drain(op, out)) return null;
  }
  op.finish();
  let idle = 0;
  while (!op.isFinished()) {
    const before = out.length;
    if (!drain(op, out)) return null;
    if (out.length === before && ++idle > MAX_IDLE) throw new Error(`detached operator made no progress: ${op.toString()}`);
  }
  return out;
}

/** Moves every ready output page to `out`; false when the operator is blocked. */
function drain(op: Operator, out: Page[]): boolean {
  for (;;) {
    if (op.isBlocked !== undefined && op.isBlocked() !== null) return false;
    const page = op.getOutput();
    if (page === null) return true;
    if (page.positionCount > 0) out.push(page);
  }
}
