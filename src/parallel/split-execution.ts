import { EsqlEngine } from '../esql/engine.js';
import { ParseCache } from '../esql/parse-cache.js';
import type { QueryParams } from '../esql/ast.js';
import type { ColumnInfo, EngineResult, ExecuteOptions, PreparedQuery, QueryExecution, QueryProgress } from '../esql/query-engine.js';
import { Catalog } from '../storage/catalog.js';
import type { StoredIndex } from '../storage/stored-index.js';
import { partialIndex } from './partial-index.js';
import { mergeWarnings } from './merge-warnings.js';
import type { CopiedSpan } from './query-text.js';
import { userWarnings } from './user-warnings.js';
import type { FragmentRows } from './worker-messages.js';
import type { FragmentRequest, WorkerPool } from './worker-pool.js';
import { runChunks, type ChunkRun } from './chunk-runner.js';
import { borrowedBlockFactory } from './borrowed-block-factory.js';
import { SplitPreviews } from './split-preview.js';

/** Everything a split query needs to run, fixed at prepare time. */
export interface SplitSetup {
  readonly pool: Pick<WorkerPool, 'run'>;
  /** The index as the analyzer saw it at prepare time (the unsplit query would read this object). */
  readonly index: StoredIndex;
  readonly workers: number;
  /** Contiguous segment ranges [from, to) in index order: the chunks the workers take one at a time. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly workerQuery: string;
  readonly workerParams?: QueryParams;
  /** The columns the worker query returns: the partials index's columns. */
  readonly workerColumns: readonly ColumnInfo[];
  readonly finalQuery: string;
  readonly finalParams?: QueryParams;
  /** Where each half's text came from in the user's query: warnings are reported at the user's positions. */
  readonly workerSpans: readonly CopiedSpan[];
  readonly finalSpans: readonly CopiedSpan[];
  /** A worker answering this many rows may have been cut by the implicit LIMIT: the query then runs unsplit. */
  readonly workerRowLimit?: number;
  /** The query prepared unsplit, for that case. */
  readonly unsplit: PreparedQuery;
  readonly nowMs: number;
  /** The unsplit query's columns: what the result must carry. */
  readonly columns: readonly ColumnInfo[];
  /** Per-query memory limit for each worker's fragment (the coordinator's own is in ExecuteOptions). */
  readonly memoryBytes: number;
  readonly testFunctions: boolean;
}

/**
 * A split query running: the workers run the worker query over the segment chunks (chunk-runner.ts),
 * then the final query runs over all chunks' rows (as the partials index) on this thread, with the
 * caller's BlockFactory.
 * - Stop (`finishEarly`): running chunks finish early and answer over their rows, the others are
 *   skipped; the final query merges them uncut (it is short). `isPartial` = some work was cut.
 * - Cancel (`signal`): every fragment is cancelled and the result rejects with the signal's reason at
 *   once, as the unsplit driver does.
 * - Preview: the last merge of the workers' fragment previews (split-preview.ts: at most one refresh
 *   old); a hard stop answers with it too, and without one as before (the real merge's rows, else none).
 */
export function executeSplit(setup: SplitSetup, options: ExecuteOptions): QueryExecution {
  const { signal } = options;
  let chunks: ChunkRun | undefined;
  let merging: QueryExecution | undefined;
  /** The unsplit query, when the workers' answers could not be used: a stop reaches it like any query. */
  let fallback: QueryExecution | undefined;
  let finished: readonly FragmentRows[] = [];
  let stopped = false;
  const previews = new SplitPreviews({
    parts: async () => (await chunks?.preview()) ?? undefined,
    merge: (parts, previewSignal) => mergePreview(setup, parts, options, previewSignal),
  });

  const result = new Promise<EngineResult>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const run = runChunks(setup.pool, setup.workers, setup.ranges.map(([segmentFrom, segmentTo]) => fragmentRequest(setup, segmentFrom, segmentTo)));
    chunks = run;
    const onAbort = () => {
      run.cancel();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    run.result
      .then(async ({ parts, skipped }) => {
        finished = parts;
        if (signal.aborted) return;
        const limit = setup.workerRowLimit;
        if (limit !== undefined && parts.some((p) => p.rows.length >= limit)) {
          // Too many groups for a worker's answer to be whole: the coordinator runs the query alone.
          const alone = setup.unsplit.execute(options);
          merging = fallback = alone;
          if (stopped) alone.finishEarly();
          resolve(await alone.result);
          return;
        }
        merging = mergeExecution(setup, parts, options);
        const merged = await merging.result;
        const combined = combine(setup, parts, merged);
        resolve(skipped > 0 ? { ...combined, isPartial: true } : combined);
      })
      .catch((e: unknown) => {
        run.cancel();
        reject((signal.aborted ? signal.reason : e) as Error);
      })
      .finally(() => signal.removeEventListener('abort', onAbort));
    // Closed before anyone sees the result settle: from then on there is no preview, as unsplit.
  }).finally(() => previews.close());

  return {
    result,
    finishEarly: () => {
      stopped = true;
      chunks?.finishEarly();
      fallback?.finishEarly();
    },
    progress: (): QueryProgress => {
      const p = chunks?.progress() ?? { rows_processed: 0, pages: 0 };
      return { rows_processed: p.rows_processed, rows_total: setup.index.rowCount, pages: p.pages };
    },
    // The unsplit query, once it runs instead, previews itself (the workers' rows are of no use then).
    // Once the real merge runs, a preview merge would only compete with it for this thread: the last stands.
    preview: () => (fallback === undefined ? previews.current(merging === undefined) : fallback.preview?.()),
    hardStop: (): EngineResult => {
      const shown = fallback === undefined ? previews.latest : undefined;
      if (shown !== undefined) return { ...shown, isPartial: true };
      // Without a preview, rows exist on this thread only once the final query runs; before that, the schema alone.
      const now = merging?.hardStop?.();
      const values = now === undefined ? [] : now.values;
      return { ...combine(setup, finished, { values, isPartial: true, warnings: now?.warnings ?? [] }), isPartial: true };
    },
  };
}

function fragmentRequest(setup: SplitSetup, segmentFrom: number, segmentTo: number): FragmentRequest {
  return {
    workerQuery: setup.workerQuery,
    ...(setup.workerParams === undefined ? {} : { params: setup.workerParams }),
    nowMs: setup.nowMs,
    index: setup.index,
    segmentFrom,
    segmentTo,
    memoryBytes: setup.memoryBytes,
  };
}

/** The final queries' syntax trees: each merge runs on an engine of its own, over a fresh catalog. */
export const FINAL_QUERY_TREES = new ParseCache();

/** The final query over the workers' rows, in a catalog holding only the partials index. */
function mergeExecution(setup: SplitSetup, parts: readonly FragmentRows[], options: ExecuteOptions): QueryExecution {
  const catalog = new Catalog();
  catalog.put(partialIndex(setup.workerColumns, parts.map((p) => p.rows)));
  const prepared = new EsqlEngine(catalog, { testFunctions: setup.testFunctions, parseCache: FINAL_QUERY_TREES }).prepare(setup.finalQuery, {
    ...(setup.finalParams === undefined ? {} : { params: setup.finalParams }),
    nowMs: setup.nowMs,
  });
  return prepared.execute(options);
}

/**
 * A preview's merge: the final query over the chunks' rows so far, on memory borrowed from the query
 * (given back at once) and with its own engine, so it adds no warnings or state to the real merge.
 */
async function mergePreview(setup: SplitSetup, parts: readonly FragmentRows[], options: ExecuteOptions, signal: AbortSignal): Promise<EngineResult> {
  const limit = setup.workerRowLimit;
  // The real query would run unsplit then (see executeSplit): these rows cannot be merged.
  if (limit !== undefined && parts.some((p) => p.rows.length >= limit)) throw new Error('a chunk may have been cut by the row limit');
  const blockFactory = borrowedBlockFactory(options.blockFactory);
  try {
    const merged = await mergeExecution(setup, parts, { ...options, signal, blockFactory }).result;
    return { ...combine(setup, parts, merged), isPartial: true };
  } finally {
    blockFactory.releaseAll();
  }
}

/**
 * The result as the unsplit query reports it: its columns, the final rows, counts of what the workers
 * read from the index (the final query's reads of the partials are not documents), warnings at the
 * user's positions, the workers' first, then the final query's (merge-warnings.ts).
 */
function combine(setup: SplitSetup, parts: readonly FragmentRows[], merged: Pick<EngineResult, 'values' | 'isPartial' | 'warnings'>): EngineResult {
  const warnings = [...parts.map((p) => userWarnings(setup.workerSpans, p.warnings)), userWarnings(setup.finalSpans, merged.warnings)];
  return {
    columns: setup.columns,
    values: merged.values,
    isPartial: merged.isPartial || parts.some((p) => p.isPartial),
    documentsFound: parts.reduce((n, p) => n + p.documentsFound, 0),
    valuesLoaded: parts.reduce((n, p) => n + p.valuesLoaded, 0),
    warnings: mergeWarnings(warnings),
  };
}
