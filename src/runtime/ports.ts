import type { StoredError } from '../errors.js';
import type { EngineResult } from '../esql/query-engine.js';
import type { CompletedQuery, QueryOutcome, StatusEvent } from './query-runtime.js';

/**
 * The runtime's only doors to the outside. `memory/` implements them in-process (embedded default);
 * `redis/` implements them over Redis (cluster). One contract suite runs against both.
 */

/** The final record of a query: its result or its error, plus who may see it. */
export interface StoredQuery {
  readonly id: string;
  readonly owner?: string;
  readonly startTimeMs: number;
  readonly expirationTimeMs: number;
  readonly outcome: { readonly result: CompletedQuery } | { readonly error: StoredError };
  /**
   * The `done` event's outcome when the stored outcome alone does not tell it: a dead node's query
   * answered from its checkpoint is partial, yet it `failed` (it was not stopped).
   */
  readonly doneOutcome?: QueryOutcome;
  /** Submitted with `columnar` (AsyncQueryRequest.columnar): every node renders the result per column. */
  readonly columnar?: true;
}

export interface ResultStore {
  put(entry: StoredQuery): Promise<void>;
  /**
   * Stores `entry` only if no live (unexpired) entry has its id; true if stored. The outcome of a
   * query is written once: a node finishing a query it thought lost, and the owner finishing it after
   * all, must not overwrite each other.
   */
  putIfAbsent(entry: StoredQuery): Promise<boolean>;
  /** Undefined when absent or expired (expiry is judged with the Clock, not only by eviction). */
  get(id: string): Promise<StoredQuery | undefined>;
  /** Move the expiration to `expirationTimeMs` if that is later; never shortens. */
  extend(id: string, expirationTimeMs: number): Promise<void>;
  /** True if something was deleted. */
  delete(id: string): Promise<boolean>;
}

export interface StatusBus {
  publish(event: StatusEvent): Promise<void>;
  /** Latest event of a query (the mirror a late subscriber starts from). */
  latest(id: string): Promise<StatusEvent | undefined>;
  /** Events of one query as they are published; returns an unsubscribe function. */
  subscribe(id: string, listener: (event: StatusEvent) => void): Promise<() => void>;
}

export type ControlCommand = { readonly type: 'stop' | 'cancel'; readonly id: string };

/** Stop/cancel for queries owned by another node; in-process there is only one node. */
export interface ControlChannel {
  send(node: string, command: ControlCommand): Promise<void>;
  listen(node: string, handler: (command: ControlCommand) => void): Promise<() => void>;
}

export interface NodeRegistry {
  heartbeat(node: string, ttlMs: number): Promise<void>;
  isAlive(node: string): Promise<boolean>;
  deregister(node: string): Promise<void>;
}

/** Time, injectable so keep_alive expiry and delays are testable with a simulated clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The cluster's record of a query that is still running (ES keeps the same in its task): enough for
 * any node to check ownership and expiry and to find the owning node. Written at submit, extended by
 * GET keep_alive, removed once the outcome is in the ResultStore. Optional: a single node needs none.
 */
export interface RunningQueryRecord {
  readonly id: string;
  readonly owner?: string;
  readonly node: string;
  readonly startTimeMs: number;
  readonly expirationTimeMs: number;
  /** Submitted with `columnar`: kept so the outcome another node stores for it renders the same way. */
  readonly columnar?: true;
  /**
   * Submitted with `allow_partial_results=false` (absent = true, ES's default): if its node dies, the
   * node finishing it must fail it rather than answer from its checkpoint.
   */
  readonly allowPartialResults?: false;
}

/**
 * What a stop would have returned at `takenAtMs` (`result.isPartial` is true), written periodically
 * by the node running the query, so the cluster can answer with it if that node dies.
 */
export interface QueryCheckpoint {
  readonly takenAtMs: number;
  readonly result: EngineResult;
}

export interface RunningQueryDirectory {
  /** Replaces the record, dropping any checkpoint of an earlier one. */
  put(record: RunningQueryRecord): Promise<void>;
  get(id: string): Promise<RunningQueryRecord | undefined>;
  /** Move the expiration to `expirationTimeMs` if that is later; never shortens. */
  extend(id: string, expirationTimeMs: number): Promise<void>;
  /** Removes the record and its checkpoint. */
  delete(id: string): Promise<void>;
  /**
   * Replaces the query's checkpoint, only while its record exists (a write racing the record's
   * removal must not leave a checkpoint behind); true if written. It lives and expires with the record.
   */
  checkpoint(id: string, checkpoint: QueryCheckpoint): Promise<boolean>;
  /** The latest checkpoint of a recorded query; undefined without record or checkpoint. */
  getCheckpoint(id: string): Promise<QueryCheckpoint | undefined>;
}
