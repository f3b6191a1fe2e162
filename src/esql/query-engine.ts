import type { BlockFactory } from '../compute/block-factory.js';
import type { DataType } from '../compute/data-type.js';
import type { QueryParams } from './ast.js';

/**
 * The engine as the runtime sees it: text in, a running execution out. `prepare` parses, analyzes
 * and plans synchronously and throws `parsing_exception` / `verification_exception` (EsError);
 * `execute` starts the Driver, which runs in time slices and yields to the event loop between them.
 */
export interface QueryEngine {
  prepare(query: string, options?: PrepareOptions): PreparedQuery;
}

export interface PrepareOptions {
  readonly params?: QueryParams;
  /** Query start time, ms since epoch; NOW() and date math use it. */
  readonly nowMs?: number;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: DataType;
}

export interface PreparedQuery {
  readonly columns: readonly ColumnInfo[];
  execute(options: ExecuteOptions): QueryExecution;
}

export interface ExecuteOptions {
  /** Aborted on cancel (DELETE, keep_alive expiry): the result promise rejects, nothing is kept. */
  readonly signal: AbortSignal;
  /** Memory accounting for this query (per-query + global budgets). */
  readonly blockFactory: BlockFactory;
  /** Awaited between time slices; setImmediate by default. Injected so tests can control it. */
  readonly yieldToEventLoop?: () => Promise<void>;
  /** Length of one time slice, ms (default 10). */
  readonly sliceMs?: number;
  /**
   * Waits `ms` (DELAY), rejecting with the signal's reason on abort. Injected by the runtime from its
   * Clock: the engine owns no timer.
   */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface QueryProgress {
  readonly rows_processed: number;
  /** Null when unknown (ROW, SHOW). */
  readonly rows_total: number | null;
  readonly pages: number;
}

export interface QueryExecution {
  /** Stop: sources end, DELAY emits completed rows, STATS/SORT/LIMIT finish over the rows seen. */
  finishEarly(): void;
  progress(): QueryProgress;
  readonly result: Promise<EngineResult>;
  /**
   * Live preview: what a stop would return right now (`isPartial: true`), computed without disturbing
   * the query (no double counting, no reset of operator state; nothing is computed unless asked).
   * Undefined once the result is settled, or when the pipeline cannot show anything without waiting.
   * Optional: an engine without previews simply has none.
   */
  preview?(): EngineResult | undefined;
  /**
   * Hard stop (a drain outlived the stop grace delay): what is buffered now, as `preview()` would
   * give it, else the schema with no rows; always `isPartial: true`. The caller aborts the execution
   * afterwards. Optional: without it the runtime answers with the schema only.
   */
  hardStop?(): EngineResult;
}

/** A JSON-ready cell: unsigned_long (and long beyond 2^53) as bigint, datetimes as ISO strings. */
export type Value = null | boolean | number | bigint | string | readonly Value[];

export interface EngineResult {
  readonly columns: readonly ColumnInfo[];
  /** Rows, each with one Value per column. */
  readonly values: readonly (readonly Value[])[];
  /** True only when a stop actually cut live work. */
  readonly isPartial: boolean;
  readonly documentsFound: number;
  readonly valuesLoaded: number;
  /** ES `Warning` header texts, in order. */
  readonly warnings: readonly string[];
}
