import { LruMap } from '../esql/lru-map.js';
import type { ColumnInfo } from '../esql/query-engine.js';
import type { SplitPlan } from './split-plan.js';

/** What prepare() decided for one query text: how to split it (and the worker's columns), or not to. */
export interface SplitDecision {
  readonly plan: SplitPlan;
  readonly workerColumns: readonly ColumnInfo[];
}

/**
 * Split decisions of recently prepared query texts, for one catalog generation (any index put or
 * deleted clears them all), least recently used evicted first (lru-map.ts). Deciding costs a parse, two prepares
 * and a check of the final query's columns: ~0.3 ms, which the same dashboard query would otherwise
 * pay on every run. Only texts without params are kept (params change what the halves see).
 */
export class SplitDecisions {
  private readonly decisions: LruMap<string, SplitDecision | null>;
  private generation = -1;

  constructor(capacity = 128) {
    this.decisions = new LruMap(capacity);
  }

  /** The decision for `query` at `generation`: a SplitDecision, null (not split), or undefined (not known). */
  get(query: string, generation: number): SplitDecision | null | undefined {
    if (generation !== this.generation) {
      this.decisions.clear();
      this.generation = generation;
      return undefined;
    }
    return this.decisions.get(query);
  }

  set(query: string, generation: number, decision: SplitDecision | null): void {
    if (generation !== this.generation) {
      this.decisions.clear();
      this.generation = generation;
    }
    this.decisions.set(query, decision);
  }
}
