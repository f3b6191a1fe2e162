import { fromCallback } from 'xstate';
import type { ExecutionCommand, ExecutionInput, ExecutionReport } from '../../machines/query.machine.js';
import type { BlockFactory } from '../compute/block-factory.js';
import { taskCancelled } from '../errors.js';
import type { EngineResult, PreparedQuery, QueryExecution, QueryProgress } from '../esql/query-engine.js';
import type { Sleep } from './clock-sleep.js';
import type { Clock } from './ports.js';
import type { ProgressSource, ProgressTicker } from './progress-ticker.js';

export interface ExecutorOptions {
  readonly prepared: PreparedQuery;
  readonly blockFactory: BlockFactory;
  readonly clock: Clock;
  /** The node-wide ticker that polls progress (reported only when it changed), throttled per query. */
  readonly progressTicker: Pick<ProgressTicker, 'add'>;
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly sliceMs?: number;
  /** DELAY's wait, on the runtime's Clock (clock-sleep.ts). */
  readonly sleep: Sleep;
  /** Called with the execution as soon as it starts (the runtime reads progress from it). */
  readonly onStart?: (execution: QueryExecution) => void;
}

/**
 * The abort reason on cancel. Only the engine sees it (the outcome readers get is built by the runtime),
 * so one instance serves every query: an error per cancel cost a stack capture per DELETE.
 */
const CANCELLED = taskCancelled();

/** Starts the prepared query with this node's engine options; `signal` aborts it. */
export function startExecution(options: ExecutorOptions, signal: AbortSignal): QueryExecution {
  return options.prepared.execute({
    signal,
    blockFactory: options.blockFactory,
    yieldToEventLoop: options.yieldToEventLoop,
    sliceMs: options.sliceMs,
    sleep: options.sleep,
  });
}

/**
 * The `executeQuery` actor: runs a prepared query and reports back to the query machine.
 * - `execution.finish_early` -> `finishEarly()`: the pipeline drains over the rows seen.
 * - `execution.hard_stop` -> answer at once (a drain outlived the stop grace delay): what the pipeline
 *   holds now (`QueryExecution.hardStop()`: collected pages plus the STATS / TopN snapshot), else the
 *   schema and no rows; `is_partial: true` either way. Then the engine is aborted.
 * - cleanup (XState stops the actor when `active` is exited, i.e. on cancel) aborts the engine.
 */
export function createQueryExecutor(optionsFor: (system: object) => ExecutorOptions) {
  return fromCallback<ExecutionCommand, ExecutionInput>(({ sendBack, receive, system }) => {
    // Resolved per query from its actor system, so one machine (and this logic) serves every query.
    const options = optionsFor(system);
    const abort = new AbortController();
    let over = false;

    const execution = startExecution(options, abort.signal);
    options.onStart?.(execution);

    const progress = new ProgressReport(options.clock.now(), execution, sendBack);
    const stopPolling = options.progressTicker.add(progress);
    const report = (event: ExecutionReport) => {
      if (over) return;
      over = true;
      progress.over = true;
      stopPolling();
      sendBack(event);
    };

    execution.result.then(
      (result) => report({ type: 'execution.done', result }),
      (error: unknown) => report({ type: 'execution.failed', error }),
    );

    receive((command) => {
      if (over) return;
      if (command.type === 'execution.finish_early') {
        execution.finishEarly();
      } else {
        // Snapshot before aborting: the abort closes the operators that hold the rows.
        const result = bufferedResult(execution) ?? schemaOnlyResult(options.prepared);
        abort.abort(taskCancelled('hard stop after the stop grace delay'));
        report({ type: 'execution.done', result });
      }
    });

    return () => {
      stopPolling();
      if (!over) {
        over = true;
        progress.over = true;
        abort.abort(CANCELLED);
      }
    };
  });
}

/** The execution's buffered rows at a hard stop; undefined when the engine cannot tell (or fails to). */
function bufferedResult(execution: QueryExecution): EngineResult | undefined {
  try {
    const result = execution.hardStop?.();
    return result === undefined ? undefined : { ...result, isPartial: true };
  } catch {
    // The hard stop must answer; a snapshot that fails falls back to the schema-only answer.
    return undefined;
  }
}

/** The answer of a query stopped before any rows reached the client: the schema, no rows. */
export function schemaOnlyResult(prepared: PreparedQuery): EngineResult {
  return {
    columns: prepared.columns,
    values: [],
    isPartial: true,
    documentsFound: 0,
    valuesLoaded: 0,
    warnings: [],
  };
}

/**
 * What the node-wide ProgressTicker polls for one running query: it tells the machine when the
 * execution's progress changed since the last report. A small object with fields, not closures over
 * the executor: the ticker visits every running query ten times a second, so with thousands of open
 * queries each visit's pointer chasing (and each query's closures) added up.
 */
class ProgressReport implements ProgressSource {
  /** The execution is over (done, failed, hard-stopped or cancelled): nothing more to report. */
  over = false;
  private last: QueryProgress;

  constructor(
    readonly sinceMs: number,
    private readonly execution: QueryExecution,
    private readonly sendBack: (event: ExecutionReport) => void,
  ) {
    this.last = execution.progress();
  }

  poll(): void {
    if (this.over) return;
    const now = this.execution.progress();
    const last = this.last;
    if (now.rows_processed === last.rows_processed && now.rows_total === last.rows_total && now.pages === last.pages) return;
    this.last = now;
    this.sendBack({ type: 'execution.progress', progress: now });
  }
}
