import type { ColumnInfo } from '../esql/query-engine.js';
import type { SplitPlan } from './split-plan.js';

/** What prepare() decided for one query text: how to split it (and the worker's columns), or not to. */
export interface SplitDecision {
  readonly plan: SplitPlan;
  readonly workerColumns: readonly ColumnInfo[];
}

/**
 * Split decisions of recently prepared query texts, for one catalog generation (any index put or
 * deleted clears them all), least recently used evicted first. Deciding costs a parse, two prepares
 * and a check of the final query's columns: ~0.3 ms, which the same dashboard query would otherwise
 * pay on every run. Only texts without params are kept (params change what the halves see).
 */
export class SplitDecisions {
  private readonly decisions = new Map<string, SplitDecision | null>();
  private generation = -1;

  constructor(private readonly capacity = 128) {}

  /** The decision for `query` at `generation`: a SplitDecision, null (not split), or undefined (not known). */
  get(query: string, generation: number): SplitDecision | null | undefined {
    if (generation !== this.generation) {
      this.decisions.clear();
      this.generation = generation;
      return undefined;
    }
    const d = this.decisions.get(query);
    if (d !== undefined) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.decisions.delete(query);
      this.decisions.set(query, d);
    }
    return d;
  }

  set(query: string, generation: number, decision: SplitDecision | null): void {
    if (generation !== this.generation) {
      this.decisions.clear();
      this.generation = generation;
    }
    this.decisions.set(query, decision);
    if (this.decisions.size > this.capacity) this.decisions.delete(this.decisions.keys().next().value as string);
  }
}
