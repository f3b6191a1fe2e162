import type { EsErrorType } from '../errors.js';
import type { QueryParams } from '../esql/ast.js';
import type { Value } from '../esql/query-engine.js';
import type { SharedIndexDescriptor } from './shared-index.js';

/** What the pool tells a worker when it starts (worker_threads `workerData`). */
export interface QueryWorkerData {
  /** The worker's share of the node's memory: its fragments' budgets are also checked against it. */
  readonly globalMemoryBytes: number;
  /** `--test-functions` (DELAY) for the fragments' ES|QL. */
  readonly testFunctions: boolean;
}

/** Coordinator → worker. */
export type ToWorker = IndexMessage | DropIndexMessage | RunMessage | FragmentControl | PreviewRequest;

/** Lets go of index `name` (deleted or replaced in the catalog): its shared memory can be freed. */
export interface DropIndexMessage {
  readonly type: 'drop';
  readonly name: string;
}

/** Holds `descriptor` as index `name` version `version` from now on (replacing any older version). */
export interface IndexMessage {
  readonly type: 'index';
  readonly version: number;
  readonly descriptor: SharedIndexDescriptor;
}

/** Run `workerQuery` over segments [segmentFrom, segmentTo) of an index the worker holds. */
export interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  readonly workerQuery: string;
  readonly params?: QueryParams;
  readonly nowMs: number;
  readonly index: string;
  readonly version: number;
  readonly segmentFrom: number;
  readonly segmentTo: number;
  readonly memoryBytes: number;
  /** [rows_processed, pages], written by the worker after every time slice. */
  readonly progress: Float64Array;
}

export interface FragmentControl {
  readonly type: 'finishEarly' | 'cancel';
  readonly id: number;
}

/**
 * Asks for fragment `id`'s live preview (its execution's `preview()`: what a stop would return now,
 * computed without disturbing it). Always answered by a PreviewAnswer with the same `request`.
 */
export interface PreviewRequest {
  readonly type: 'preview';
  readonly id: number;
  readonly request: number;
}

/** Worker → coordinator: ready, a fragment ended, or a preview answered. */
export type FromWorker = WorkerReady | FragmentDone | FragmentFailed | PreviewAnswer;

/** Posted once the worker's modules loaded and it listens: from then on a death is a crash, not a broken start. */
export interface WorkerReady {
  readonly type: 'ready';
}

export interface FragmentRows {
  readonly rows: readonly (readonly Value[])[];
  readonly isPartial: boolean;
  readonly documentsFound: number;
  readonly valuesLoaded: number;
  readonly warnings: readonly string[];
}

export interface FragmentDone {
  readonly type: 'done';
  readonly id: number;
  readonly result: FragmentRows;
}

/** An EsError travels as its parts (the class does not survive structured clone); anything else as a message. */
export interface FragmentFailed {
  readonly type: 'failed';
  readonly id: number;
  readonly error: { readonly type: EsErrorType; readonly status: number; readonly reason: string } | { readonly message: string };
}

/** The answer to PreviewRequest `request`: no rows when the fragment has nothing to show (or ended already). */
export interface PreviewAnswer {
  readonly type: 'preview';
  readonly request: number;
  readonly rows?: FragmentRows;
}
