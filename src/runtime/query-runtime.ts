import type { QueryParams } from '../esql/ast.js';
import type { EngineResult } from '../esql/query-engine.js';
import type { QueryProgress } from '../esql/query-engine.js';

/**
 * What HTTP and WebSocket adapters may ask of the runtime. Ids are ES async ids (async-id.ts); a
 * malformed id throws 400 `illegal_argument_exception`, an unknown/expired/deleted one 404
 * `resource_not_found_exception` (reason = the id). A query that failed rethrows its stored error.
 * Durations are milliseconds.
 */
export interface QueryRuntime {
  /** `POST /_query`: runs to completion (no id, nothing stored). */
  query(request: QueryRequest): Promise<CompletedQuery>;
  /** `POST /_query/async`: waits up to `waitForCompletionMs`, then answers running or finished. */
  submit(request: AsyncQueryRequest): Promise<AsyncQueryView>;
  /** `GET /_query/async/{id}`: `waitForCompletionMs` default 0 (no wait); `keepAliveMs` only extends. */
  get(id: string, options?: GetOptions): Promise<AsyncQueryView>;
  /** `POST /_query/async/{id}/stop`: waits for the pipeline to drain; on a finished query same as get. */
  stop(id: string, options?: { readonly owner?: string }): Promise<AsyncQueryView>;
  /**
   * `DELETE /_query/async/{id}`: cancels a running query or deletes the stored result. `anyOwner`
   * is for callers holding ES's `cancel_task` privilege: they may delete anyone's query.
   */
  delete(id: string, options?: { readonly owner?: string; readonly anyOwner?: boolean }): Promise<void>;
  /** Live status events of one query (current state first). Returns an unsubscribe function. */
  watch(id: string, listener: (event: StatusEvent) => void, options?: { readonly owner?: string }): Promise<() => void>;
  /**
   * Live preview of a query running on this node: what a stop would return now, computed without
   * disturbing it (callers poll it, e.g. the WebSocket gateway every 250 ms per `preview` subscriber).
   * Undefined when there is nothing to show: not running (queued, stopping, done), running on another
   * node, or the pipeline cannot show anything without waiting. Unknown ids throw as for `get`.
   * Optional: adapters must work against a runtime without previews.
   */
  preview?(id: string, options?: { readonly owner?: string }): Promise<QueryPreview | undefined>;
  /** Stop accepting work, stop running queries (partial results stored), release resources. */
  close(): Promise<void>;
}

export interface QueryRequest {
  readonly query: string;
  readonly params?: QueryParams;
  /** Authenticated principal (undefined when security is off). */
  readonly owner?: string;
  /**
   * `query()` only: aborting it (the client went away) cancels the query, which then rejects with
   * `task_cancelled_exception`. Async queries outlive their submit request and ignore it.
   */
  readonly signal?: AbortSignal;
}

export interface AsyncQueryRequest extends QueryRequest {
  readonly waitForCompletionMs: number;
  readonly keepAliveMs: number;
  readonly keepOnCompletion: boolean;
  /**
   * The submit's `columnar`: ES keeps it in the stored response, so every later GET and stop renders
   * `values` per column too. Kept with the query (live, running record, stored result).
   */
  readonly columnar?: boolean;
  /**
   * ES `allow_partial_results` (default true). False: a failure that would leave only part of the
   * answer fails the query instead; here, the death of its node (no answer from its checkpoint).
   * A client's own stop still answers partial, as in ES.
   */
  readonly allowPartialResults?: boolean;
}

export interface GetOptions {
  readonly waitForCompletionMs?: number;
  readonly keepAliveMs?: number;
  readonly owner?: string;
}

/** A finished query's body data (the HTTP layer renders it). */
export interface CompletedQuery extends EngineResult {
  readonly tookMs: number;
  readonly startTimeMs: number;
  readonly completionTimeMs: number;
}

export type AsyncQueryView =
  | {
      readonly id: string;
      readonly isRunning: true;
      readonly startTimeMs: number;
      readonly expirationTimeMs: number;
    }
  | {
      /** Absent when the query finished within the wait and keep_on_completion was false. */
      readonly id: string | undefined;
      readonly isRunning: false;
      readonly result: CompletedQuery;
      readonly startTimeMs: number;
      readonly expirationTimeMs: number;
      /** Present (true) when the query was submitted with `columnar`: render `values` per column. */
      readonly columnar?: true;
    };

export type QueryState = 'submitted' | 'running' | 'stopping' | 'done';
export type QueryOutcome = 'completed' | 'stopped' | 'failed' | 'cancelled';

/** Published on every transition and (throttled) progress update; `seq` increases per query. */
export interface StatusEvent {
  readonly id: string;
  readonly seq: number;
  readonly state: QueryState;
  readonly outcome?: QueryOutcome;
  readonly progress: QueryProgress & { readonly elapsed_ms: number };
  readonly node: string;
}

/** A live preview (`QueryRuntime.preview`): the partial answer of a running query at one moment. */
export interface QueryPreview {
  readonly id: string;
  /** Seq of the last status event published before the preview was taken. */
  readonly seq: number;
  /** Fraction of the input processed, `rows_processed / rows_total` in [0, 1]; null when the total is unknown. */
  readonly fraction: number | null;
  readonly progress: StatusEvent['progress'];
  /** What a stop would return now: always `isPartial: true`. */
  readonly result: CompletedQuery;
  readonly startTimeMs: number;
  readonly expirationTimeMs: number;
}
