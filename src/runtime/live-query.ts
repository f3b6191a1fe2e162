import { createActor, type Actor } from 'xstate';
import type { QueryMachine, QueryMachineContext, QueryMachineState } from '../../machines/query.machine.js';
import type { BlockFactory } from '../compute/block-factory.js';
import { asEsError, storeError, taskCancelled, type EsError } from '../errors.js';
import type { EngineResult, PreparedQuery, QueryExecution, QueryProgress } from '../esql/query-engine.js';
import type { Clock, ResultStore, StatusBus, StoredQuery } from './ports.js';
import { columnarMark } from './async-query-views.js';
import type { Sleep } from './clock-sleep.js';
import { adopting, startDirectRun, type DirectRun } from './direct-run.js';
import { persistCompletion } from './persist-completion.js';
import type { ProgressTicker } from './progress-ticker.js';
import { bindSlots, providedQueryMachine } from './provided-query-machine.js';
import { schemaOnlyResult, type ExecutorOptions } from './query-executor.js';
import type { CompletedQuery, QueryOutcome, QueryPreview, StatusEvent } from './query-runtime.js';

/** How a finished query ended, as readers see it. Stored unless `stored` is false. */
export interface Completion {
  readonly outcome: QueryOutcome;
  readonly completionTimeMs: number;
  readonly expirationTimeMs: number;
  readonly result?: CompletedQuery;
  readonly error?: EsError;
  readonly stored: boolean;
}

export interface LiveQueryInit {
  readonly id: string;
  readonly owner: string | undefined;
  readonly prepared: PreparedQuery;
  readonly startTimeMs: number;
  readonly keepAliveMs: number;
  /** Persist the outcome when done (keep_on_completion, or the submit wait ran out). */
  readonly store: boolean;
  /** Publish status events (async queries; a sync query has no id a client could watch). */
  readonly announce: boolean;
  readonly blockFactory: BlockFactory;
  /** Render the stored result per column (AsyncQueryRequest.columnar). */
  readonly columnar?: boolean;
}

export interface LiveQueryDeps {
  readonly clock: Clock;
  readonly results: ResultStore;
  readonly status: StatusBus;
  readonly nodeId: string;
  readonly stopGraceMs: number;
  /** Node-wide: polls the progress of every running query (one timer, not one per query). */
  readonly progressTicker: ProgressTicker;
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly sliceMs?: number;
  /** DELAY's wait on `clock` (one function for every query). */
  readonly sleep: Sleep;
}

const NO_PROGRESS: QueryProgress = { rows_processed: 0, rows_total: null, pages: 0 };
const NO_TICKER: Pick<ProgressTicker, 'add'> = { add: () => () => undefined };

/**
 * One query this node runs: its actor, its status stream and the promise readers wait on. `finished`
 * resolves only after the outcome is persisted, and the `done` status is published after that too, so
 * whoever sees `done` (or gets `finished`) finds the result in the store.
 */
export class LiveQuery {
  readonly id: string;
  readonly owner: string | undefined;
  readonly startTimeMs: number;
  readonly keepAliveMs: number;
  readonly columnar: boolean;
  readonly finished: Promise<Completion>;
  expirationTimeMs: number;
  store: boolean;
  completion: Completion | undefined;
  private execution: QueryExecution | undefined;
  private machineActor: Actor<QueryMachine> | undefined;
  /** A sync query running without its actor (see slotGranted): the execution the machine adopts if needed. */
  private direct: DirectRun | undefined;
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private resolveFinished!: (completion: Completion) => void;

  constructor(
    private readonly init: LiveQueryInit,
    private readonly deps: LiveQueryDeps,
  ) {
    this.id = init.id;
    this.owner = init.owner;
    this.startTimeMs = init.startTimeMs;
    this.keepAliveMs = init.keepAliveMs;
    this.columnar = init.columnar === true;
    this.expirationTimeMs = init.startTimeMs + init.keepAliveMs;
    this.store = init.store;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /**
   * The query's actor, created on first use. A sync query run directly (slotGranted) gets it only when
   * an event needs the machine (stop, cancel): it is then caught up to `active.running`, its executor
   * adopting the running execution, so the event meets the state it would have met.
   */
  get actor(): Actor<QueryMachine> {
    if (this.machineActor !== undefined) return this.machineActor;
    const actor = createActor(providedQueryMachine(this.deps), { input: { id: this.id }, clock: this.deps.clock });
    this.machineActor = actor;
    bindSlots(actor, {
      executorOptions: () => this.executorOptions(),
      publish: (state, context) => this.publish(state, context),
      complete: (context) => this.complete(context),
    });
    // An error inside the machine itself (not the execution) must still end the query for readers.
    actor.subscribe({ error: (err) => this.completeOnce('failed', undefined, asEsError(err)) });
    if (this.direct !== undefined) {
      actor.start();
      actor.send({ type: 'slot.granted' });
    }
    return actor;
  }

  private executorOptions(): ExecutorOptions {
    const deps = this.deps;
    const direct = this.direct;
    return {
      prepared: direct === undefined ? this.init.prepared : adopting(this.init.prepared, direct),
      blockFactory: this.init.blockFactory,
      clock: deps.clock,
      // Unannounced (sync) queries publish no status, so polling their progress would be wasted work.
      progressTicker: this.init.announce ? deps.progressTicker : NO_TICKER,
      yieldToEventLoop: deps.yieldToEventLoop,
      sliceMs: deps.sliceMs,
      sleep: deps.sleep,
      onStart: (execution) => (this.execution = execution),
    };
  }

  start(): void {
    this.actor.start();
  }

  /**
   * The node gave this query a running slot. A query whose machine was not started (a sync query
   * granted one at once, see LocalQueryRuntime.launch) runs directly: its whole lifecycle is the
   * machine's happy path, `submitted -> running -> done(completed | failed)`, with nothing to publish
   * or store, so the actor (most of the cost of a small sync query) is only made if a stop or cancel
   * comes.
   */
  slotGranted(): void {
    if (this.machineActor === undefined) this.runDirect();
    else this.machineActor.send({ type: 'slot.granted' });
  }

  private runDirect(): void {
    let direct: DirectRun;
    try {
      direct = startDirectRun(this.executorOptions());
    } catch (err) {
      // As the machine's `onError` of its executor: the query failed while starting.
      this.completeOnce('failed', undefined, asEsError(err));
      return;
    }
    const { execution } = direct;
    this.execution = execution;
    this.direct = direct;
    // Once the actor exists, its executor (which adopted this execution) reports instead.
    execution.result.then(
      (result) => this.machineActor === undefined && this.completeOnce('completed', result, undefined),
      (err: unknown) => this.machineActor === undefined && this.completeOnce('failed', undefined, asEsError(err)),
    );
  }

  /** The machine's state as published (`running`/`stopping` are children of `active`). */
  get state(): QueryMachineState {
    if (this.machineActor === undefined) {
      return this.completion !== undefined ? 'done' : this.direct !== undefined ? 'running' : 'submitted';
    }
    const snapshot = this.machineActor.getSnapshot();
    if (snapshot.status !== 'active') return 'done';
    // Read from the state value rather than with matches(), which builds state values to compare (several
    // allocations per call; this runs for every watcher's first event). The machine's states are
    // `submitted`, `done` and `active` with the children `running` and `stopping`.
    const value: unknown = snapshot.value;
    if (value === 'submitted') return 'submitted';
    if (typeof value === 'object' && value !== null && 'active' in value) {
      return value.active === 'stopping' ? 'stopping' : 'running';
    }
    return 'done';
  }

  isExpired(nowMs: number): boolean {
    return this.expirationTimeMs <= nowMs;
  }

  progress(): QueryProgress {
    return this.execution?.progress() ?? NO_PROGRESS;
  }

  /** What a stop would return now, while `running` (not queued, stopping or done); see QueryRuntime.preview. */
  preview(): QueryPreview | undefined {
    const execution = this.execution;
    if (execution?.preview === undefined || this.completion !== undefined || this.state !== 'running') return undefined;
    const engine = execution.preview();
    if (engine === undefined) return undefined;
    const now = this.deps.clock.now();
    const progress = execution.progress();
    const total = progress.rows_total;
    const fraction = total === null ? null : total === 0 ? 1 : Math.min(1, progress.rows_processed / total);
    return {
      id: this.id,
      seq: this.seq,
      fraction,
      progress: { ...progress, elapsed_ms: now - this.startTimeMs },
      result: { ...engine, isPartial: true, tookMs: now - this.startTimeMs, startTimeMs: this.startTimeMs, completionTimeMs: now },
      startTimeMs: this.startTimeMs,
      expirationTimeMs: this.expirationTimeMs,
    };
  }

  /**
   * Resolves with the completion, or with undefined once `ms` (on the Clock) pass first; then
   * `onTimeout` runs synchronously, before any completion could be persisted.
   */
  waitFor(ms: number, onTimeout?: () => void): Promise<Completion | undefined> {
    if (this.completion !== undefined) return this.finished;
    if (ms <= 0) {
      onTimeout?.();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(() => {
        // Completed but not yet persisted: the answer is the completion, not "running".
        if (this.completion !== undefined) return;
        onTimeout?.();
        resolve(undefined);
      }, ms);
      void this.finished.then((completion) => {
        this.deps.clock.clearTimeout(timer);
        resolve(completion);
      });
    });
  }

  /** The event describing the current state, without publishing it (a watcher's first event). */
  snapshotEvent(): StatusEvent {
    return this.event(this.state, this.completion?.outcome, this.seq);
  }

  private publish(state: QueryMachineState, context: QueryMachineContext): void {
    if (!this.init.announce) return;
    const event = this.event(state, state === 'done' ? context.outcome : undefined, ++this.seq);
    // Chained so a slow bus cannot reorder events, and `done` waits for the persist queued before it.
    this.chain = this.chain.then(() => this.deps.status.publish(event)).catch(() => undefined);
  }

  /**
   * Literals rather than spreads (same fields, same order): this runs on every transition and for each
   * watcher's first event, several times per async submit, and object spread was a visible cost there.
   */
  private event(state: QueryMachineState, outcome: QueryOutcome | undefined, seq: number): StatusEvent {
    const p = this.progress();
    const progress = {
      rows_processed: p.rows_processed,
      rows_total: p.rows_total,
      pages: p.pages,
      elapsed_ms: this.deps.clock.now() - this.startTimeMs,
    };
    const node = this.deps.nodeId;
    return outcome === undefined
      ? { id: this.id, seq, state, progress, node }
      : { id: this.id, seq, state, outcome, progress, node };
  }

  private complete(context: QueryMachineContext): void {
    const outcome = context.outcome ?? 'failed';
    if (outcome === 'completed' || outcome === 'stopped') {
      const engine = (context.result as EngineResult | undefined) ?? schemaOnlyResult(this.init.prepared);
      this.completeOnce(outcome, engine, undefined);
    } else if (outcome === 'cancelled') {
      this.completeOnce(outcome, undefined, taskCancelled());
    } else {
      this.completeOnce(outcome, undefined, asEsError(context.error));
    }
  }

  private completeOnce(outcome: QueryOutcome, engine: EngineResult | undefined, error: EsError | undefined): void {
    if (this.completion !== undefined) return;
    const now = this.deps.clock.now();
    const expirationTimeMs = Math.max(this.expirationTimeMs, now + this.keepAliveMs);
    const stored = this.store && outcome !== 'cancelled';
    const result: CompletedQuery | undefined =
      engine === undefined
        ? undefined
        : { ...engine, tookMs: now - this.startTimeMs, startTimeMs: this.startTimeMs, completionTimeMs: now };
    const completion: Completion = { outcome, completionTimeMs: now, expirationTimeMs, result, error, stored };
    this.completion = completion;
    this.expirationTimeMs = expirationTimeMs;
    this.init.blockFactory.releaseAll();
    if (!stored) {
      this.chain = this.chain.then(() => this.resolveFinished(completion));
      return;
    }
    const entry: StoredQuery = {
      id: this.id,
      ...(this.owner === undefined ? {} : { owner: this.owner }),
      startTimeMs: this.startTimeMs,
      expirationTimeMs,
      outcome: result !== undefined ? { result } : { error: storeError(error) },
      ...columnarMark(this.columnar),
    };
    this.chain = this.chain
      .then(() => persistCompletion(this.deps.results, entry, completion))
      .then((persisted) => {
        this.completion = persisted;
        this.resolveFinished(persisted);
      });
  }
}
