import type { PreparedQuery, QueryExecution } from '../esql/query-engine.js';
import { startExecution, type ExecutorOptions } from './query-executor.js';

/**
 * A sync query's execution started without the query machine (LiveQuery.slotGranted), and the
 * controller that aborts it. Its whole lifecycle is the machine's happy path, so the actor is made
 * only if a stop or cancel comes; its executor then adopts this execution (adopting).
 */
export interface DirectRun {
  readonly execution: QueryExecution;
  readonly abort: AbortController;
}

/** Starts the execution as the machine's executor would; throws if it fails to start. */
export function startDirectRun(options: ExecutorOptions): DirectRun {
  const abort = new AbortController();
  return { execution: startExecution(options, abort.signal), abort };
}

/** The query as the machine's executor sees it once it takes over a direct run: execute() adopts it. */
export function adopting(prepared: PreparedQuery, run: DirectRun): PreparedQuery {
  return {
    columns: prepared.columns,
    execute: ({ signal }) => {
      signal.addEventListener('abort', () => run.abort.abort(signal.reason), { once: true });
      return run.execution;
    },
  };
}
