import { EsqlEngine } from '../esql/engine.js';
import type { ColumnInfo, ExecuteOptions, PreparedQuery, PrepareOptions, QueryEngine, QueryExecution } from '../esql/query-engine.js';
import { Catalog } from '../storage/catalog.js';
import type { StoredIndex } from '../storage/stored-index.js';
import { isPartialType, partialIndex } from './partial-index.js';
import { type SplitDecision, SplitDecisions } from './split-decisions.js';
import { executeSplit, FINAL_QUERY_TREES, type SplitSetup } from './split-execution.js';
import { splitPlan } from './split-plan.js';
import type { WorkerPool } from './worker-pool.js';

export interface ParallelQueryEngineOptions {
  readonly pool: Pick<WorkerPool, 'size' | 'run'> & Partial<Pick<WorkerPool, 'releaseStale'>>;
  /** The catalog `inner` analyzes against: split queries read their index from it. */
  readonly catalog: Catalog;
  /** The per-query memory limit, given to every worker fragment. */
  readonly queryMemoryBytes: number;
  readonly testFunctions?: boolean;
  /** An index with fewer segments than this per worker is not worth splitting (default 4). */
  readonly minSegmentsPerWorker?: number;
  /**
   * Chunks per worker (default 1: N contiguous equal ranges). More chunks balance the load when the
   * machine is busy (a worker the OS runs less takes fewer chunks) at the cost of more rows to merge.
   */
  readonly chunksPerWorker?: number;
}

/**
 * `--workers N`: a QueryEngine that runs one query on N worker threads at once (ES's data node /
 * coordinator split at the ES|QL level). `inner` always prepares the query first, so errors and columns
 * are exactly the unsplit ones. When split-plan.ts can split it, the index is big enough and the
 * workers' columns survive the trip back, each worker runs the worker query over its contiguous share
 * of the index's segments and this thread runs the final query over their rows. Anything else runs on
 * `inner` as before.
 */
export class ParallelQueryEngine implements QueryEngine {
  private readonly decisions = new SplitDecisions();
  /** The catalog generation whose indices the pool was last told about. */
  private seenGeneration = -1;

  constructor(
    private readonly inner: QueryEngine,
    private readonly options: ParallelQueryEngineOptions,
  ) {}

  prepare(query: string, options: PrepareOptions = {}): PreparedQuery {
    // One clock reading for both halves, so NOW() agrees between workers, coordinator and the unsplit form.
    const nowMs = options.nowMs ?? Date.now();
    this.releaseStaleIndices();
    const unsplit = this.inner.prepare(query, { ...options, nowMs });
    const setup = this.options.pool.size >= 2 ? this.splitSetup(query, options, nowMs, unsplit) : undefined;
    return setup === undefined ? unsplit : new SplitPreparedQuery(setup);
  }

  /** After the catalog changed, the workers let go of indices it no longer holds (as they are). */
  private releaseStaleIndices(): void {
    const { catalog, pool } = this.options;
    if (catalog.generation === this.seenGeneration) return;
    this.seenGeneration = catalog.generation;
    pool.releaseStale?.((index) => catalog.get(index.name) === index);
  }

  private splitSetup(query: string, options: PrepareOptions, nowMs: number, unsplit: PreparedQuery): SplitSetup | undefined {
    const columns = unsplit.columns;
    const generation = this.options.catalog.generation;
    let decision = options.params === undefined ? this.decisions.get(query, generation) : undefined;
    if (decision === undefined) {
      decision = this.decide(query, options, nowMs, columns);
      if (options.params === undefined) this.decisions.set(query, generation, decision);
    }
    if (decision === null) return undefined;
    const { plan, workerColumns } = decision;
    const index = this.options.catalog.get(plan.index);
    const workers = this.options.pool.size;
    if (index === undefined || index.segments.length < workers * (this.options.minSegmentsPerWorker ?? 4)) return undefined;
    return {
      pool: this.options.pool,
      index,
      workers,
      ranges: segmentRanges(index, Math.min(index.segments.length, workers * (this.options.chunksPerWorker ?? 1))),
      workerQuery: plan.workerQuery,
      ...(plan.workerParams === undefined ? {} : { workerParams: plan.workerParams }),
      workerColumns,
      finalQuery: plan.finalQuery,
      ...(plan.finalParams === undefined ? {} : { finalParams: plan.finalParams }),
      ...(plan.workerRowLimit === undefined ? {} : { workerRowLimit: plan.workerRowLimit }),
      workerSpans: plan.workerSpans,
      finalSpans: plan.finalSpans,
      unsplit,
      nowMs,
      columns,
      memoryBytes: this.options.queryMemoryBytes,
      testFunctions: this.options.testFunctions === true,
    };
  }

  /**
   * Whether and how `query` splits: null when splitPlan cannot cut it, when the worker's columns do not
   * survive the trip back, or when the final query would not give the unsplit columns. Depends only on
   * the text and the catalog (NOW() is a value, not a type), so it is cached per catalog generation.
   */
  private decide(query: string, options: PrepareOptions, nowMs: number, columns: readonly ColumnInfo[]): SplitDecision | null {
    const plan = splitPlan(query, options.params);
    if (plan === null) return null;
    try {
      const params = plan.workerParams === undefined ? {} : { params: plan.workerParams };
      const workerColumns = this.inner.prepare(plan.workerQuery, { ...params, nowMs }).columns;
      if (!workerColumns.every((c) => isPartialType(c.type))) return null;
      // The final query must give the columns the unsplit one gives; anything else runs unsplit.
      if (!sameColumns(this.finalColumns(plan.finalQuery, plan.finalParams, workerColumns, nowMs), columns)) return null;
      return { plan, workerColumns };
    } catch {
      // A rewrite the engine refuses is the splitter's limit, not the user's error: run unsplit.
      return null;
    }
  }

  private finalColumns(finalQuery: string, finalParams: PrepareOptions['params'], workerColumns: readonly ColumnInfo[], nowMs: number) {
    const catalog = new Catalog();
    catalog.put(partialIndex(workerColumns, []));
    const params = finalParams === undefined ? {} : { params: finalParams };
    return new EsqlEngine(catalog, { testFunctions: this.options.testFunctions === true, parseCache: FINAL_QUERY_TREES }).prepare(finalQuery, { ...params, nowMs }).columns;
  }
}

/** A prepared query that runs split (tests and the bench tell split from delegated queries by it). */
export class SplitPreparedQuery implements PreparedQuery {
  constructor(private readonly setup: SplitSetup) {}

  get columns(): readonly ColumnInfo[] {
    return this.setup.columns;
  }

  execute(options: ExecuteOptions): QueryExecution {
    return executeSplit(this.setup, options);
  }
}

/** `count` contiguous ranges of (as near as can be) equal segment counts. */
export function segmentRanges(index: StoredIndex, count: number): [number, number][] {
  const n = index.segments.length;
  return Array.from({ length: count }, (_, i) => [Math.floor((i * n) / count), Math.floor(((i + 1) * n) / count)]);
}

const sameColumns = (a: readonly ColumnInfo[], b: readonly ColumnInfo[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type);
