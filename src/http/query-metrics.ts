import { performance } from 'node:perf_hooks';
import { LatencyHistogram, type HistogramSnapshot } from './latency-histogram.js';
import type {
  AsyncQueryRequest,
  AsyncQueryView,
  QueryOutcome,
  QueryRequest,
  QueryRuntime,
  QueryState,
  StatusEvent,
} from '../runtime/query-runtime.js';

/**
 * Counters behind `/_metrics`, kept by wrapping the QueryRuntime that HTTP and WebSocket use: every
 * query submitted on this node is followed through the runtime's own status events, and every stop is
 * timed from request to answer. Nothing in the runtime changes; gauges the runtime already knows
 * (live actors, running slots) come in as functions from the composition root. The status bus lag
 * histogram is fed by the bus adapters themselves (`busLag.observe`), the only place delivery is seen.
 */

/** Upper bounds (seconds) of the stop latency histogram: a stop should drain in milliseconds. */
export const STOP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Upper bounds (seconds) of the status bus lag histogram: in-process it is microseconds, over Redis about a millisecond. */
export const BUS_LAG_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

const OUTCOMES: readonly QueryOutcome[] = ['completed', 'stopped', 'failed', 'cancelled'];
const LIVE_STATES: readonly Exclude<QueryState, 'done'>[] = ['submitted', 'running', 'stopping'];

export interface MetricsGauges {
  /** Query actors held by this node (running, queued or finishing). */
  readonly activeActors?: () => number;
  readonly runningSlots?: () => number;
  readonly queuedQueries?: () => number;
  /** Open WebSocket connections. */
  readonly wsClients?: () => number;
}

export interface MetricsSnapshot {
  readonly byState: Readonly<Record<Exclude<QueryState, 'done'>, number>>;
  readonly finished: Readonly<Record<QueryOutcome, number>>;
  readonly submitted: number;
  readonly stopLatency: HistogramSnapshot;
  /** From StatusBus.publish to the delivery of the event to a subscriber on this node. */
  readonly busLag: HistogramSnapshot;
  readonly gauges: Readonly<Record<keyof MetricsGauges, number | undefined>>;
}

export class QueryMetrics {
  /** The runtime to hand to HTTP and WebSocket: the wrapped one, counting as it goes. */
  readonly runtime: QueryRuntime;
  gauges: MetricsGauges;
  private readonly live = new Map<string, QueryState>();
  private syncRunning = 0;
  private submittedTotal = 0;
  private readonly finished: Record<QueryOutcome, number> = { completed: 0, stopped: 0, failed: 0, cancelled: 0 };
  private readonly stopLatency = new LatencyHistogram(STOP_LATENCY_BUCKETS);

  /**
   * `busLag` is created by the composition root before the bus adapters (which observe into it), hence
   * passed in; absent, the histogram stays empty.
   */
  constructor(
    inner: QueryRuntime,
    gauges: MetricsGauges = {},
    readonly busLag: LatencyHistogram = new LatencyHistogram(BUS_LAG_BUCKETS),
  ) {
    this.gauges = gauges;
    this.runtime = {
      query: (request) => this.countSync(inner, request),
      submit: (request) => this.countAsync(inner, request),
      get: (id, options) => inner.get(id, options),
      stop: (id, options) => this.timeStop(inner.stop(id, options)),
      delete: (id, options) => inner.delete(id, options),
      watch: (id, listener, options) => inner.watch(id, listener, options),
      // Live previews (WebSocket `preview: true`) pass straight through; absent when the inner runtime has none.
      preview: inner.preview === undefined ? undefined : (id, options) => inner.preview!(id, options),
      close: () => inner.close(),
    };
  }

  snapshot(): MetricsSnapshot {
    const byState = { submitted: 0, running: this.syncRunning, stopping: 0 };
    for (const state of this.live.values()) if (state !== 'done') byState[state]++;
    const read = (f: (() => number) | undefined) => (f === undefined ? undefined : f());
    return {
      byState,
      finished: { ...this.finished },
      submitted: this.submittedTotal,
      stopLatency: this.stopLatency.snapshot(),
      busLag: this.busLag.snapshot(),
      gauges: {
        activeActors: read(this.gauges.activeActors),
        runningSlots: read(this.gauges.runningSlots),
        queuedQueries: read(this.gauges.queuedQueries),
        wsClients: read(this.gauges.wsClients),
      },
    };
  }

  /** For the renderer: the states and outcomes in a fixed order, so the exposition is stable. */
  static readonly liveStates = LIVE_STATES;
  static readonly outcomes = OUTCOMES;

  private async countSync(inner: QueryRuntime, request: QueryRequest) {
    this.submittedTotal++;
    this.syncRunning++;
    try {
      const result = await inner.query(request);
      this.finished.completed++;
      return result;
    } catch (err) {
      this.finished[isCancellation(err) ? 'cancelled' : 'failed']++;
      throw err;
    } finally {
      this.syncRunning--;
    }
  }

  private async countAsync(inner: QueryRuntime, request: AsyncQueryRequest): Promise<AsyncQueryView> {
    this.submittedTotal++;
    let view: AsyncQueryView;
    try {
      view = await inner.submit(request);
    } catch (err) {
      this.finished.failed++;
      throw err;
    }
    if (!view.isRunning) {
      this.finished[view.result.isPartial ? 'stopped' : 'completed']++;
      return view;
    }
    this.follow(inner, view.id, request.owner);
    return view;
  }

  /** Tracks a running query's state until `done` (the watch starts with the current state). */
  private follow(inner: QueryRuntime, id: string, owner: string | undefined): void {
    this.live.set(id, 'running');
    let unsubscribe: (() => void) | undefined;
    let ended = false;
    const onEvent = (event: StatusEvent) => {
      if (ended) return;
      if (event.state !== 'done') {
        this.live.set(id, event.state);
        return;
      }
      ended = true;
      this.live.delete(id);
      this.finished[event.outcome ?? 'completed']++;
      unsubscribe?.();
    };
    inner.watch(id, onEvent, owner === undefined ? {} : { owner }).then(
      (stop) => {
        unsubscribe = stop;
        if (ended) stop();
      },
      // Deleted (or expired) before the watch began: it is no longer live.
      () => {
        if (!ended) this.live.delete(id);
        ended = true;
      },
    );
  }

  private async timeStop(pending: Promise<AsyncQueryView>): Promise<AsyncQueryView> {
    const started = performance.now();
    const view = await pending;
    this.stopLatency.observe((performance.now() - started) / 1000);
    return view;
  }
}

function isCancellation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'type' in err && err.type === 'task_cancelled_exception';
}
