import type { DriverContext, OperatorFactory } from './operator.js';

/**
 * V8 gives an object a hidden class ("map") per set of fields, reached from its constructor's first
 * map through weak transitions: a map lives only while some object has it. Between two queries no
 * operator is alive, so a full GC there collects the operators' maps, and every function optimised
 * against them is thrown away (`--trace-deopt`: "weak objects"), down to the per-page loops: the next
 * query re-warms in the interpreter (Q1 on 10M rows: ~30 ms right after a GC instead of ~20 ms).
 * One closed, never-run instance per operator class keeps those maps alive. Sources are left out:
 * their instances would pin index data; a source class registers a data-free instance instead
 * (keepShape).
 */
const samples = new Map<unknown, object>();

/** Keep `sample`'s hidden class (and the code optimised against it) alive for the process. */
export function keepShape(sample: object): void {
  samples.set(sample.constructor, sample);
}

/** Keep one fresh, closed instance per operator class the factories build (the last one seen wins). */
export function keepOperatorShapes(factories: readonly OperatorFactory[], ctx: DriverContext): void {
  for (const f of factories) {
    const sample = f.get(ctx);
    sample.close();
    keepShape(sample);
  }
}
