import { decodeAsyncId } from './async-id.js';
import { errorFields, type Log, type LogFields } from './log.js';
import type { StatusBus } from './ports.js';
import type { AsyncQueryRequest, AsyncQueryView, CompletedQuery, QueryRuntime, StatusEvent } from './query-runtime.js';

/**
 * The lifecycle of every query that has an id, one log line per step, each with `query_id`:
 *
 * | message | level | fields |
 * |---|---|---|
 * | `query submitted` | info | `user.name`, `query` (first 500 chars), `event.start` |
 * | `query running`, `query stopping` | info | |
 * | `query stop requested` | info | |
 * | `query done` | info | `outcome` (completed, stopped), `took_ms`, `rows` or `rows_processed` |
 * | `query failed` | warn (error for a 5xx) | `error.type`, `error.message`, `took_ms` |
 * | `query cancelled` / `query expired` | info | (DELETE, here or on another node / keep_alive ran out) |
 * | `query deleted` | info | |
 * | `orphan query finished` | warn | `orphan.node` (the node that left), `outcome` (from `logOrphanFinishes`) |
 *
 * Kept by wrapping the QueryRuntime that HTTP and WebSocket use (as QueryMetrics does), so the
 * runtime itself is untouched; transitions come from the runtime's own status events. Queries answered
 * without an id (`POST /_query`, an async query finished within its wait without keep_on_completion,
 * a submit rejected at parse time) are not logged: there is no id to follow, and a throughput
 * benchmark runs thousands of them a second. `query submitted` is written when the id is handed out
 * (after the submit's wait) and the state lines follow from there, so one query's lines are always in
 * order; `event.start` carries the real start.
 */

export const MAX_LOGGED_QUERY_CHARS = 500;

/** `now` must be the runtime's clock: it judges whether a cancellation was a keep_alive expiry. */
export function withLifecycleLog(inner: QueryRuntime, log: Log, now: () => number = Date.now): QueryRuntime {
  /** Followed queries (running when their id was handed out) and when they expire, as far as this node knows. */
  const expiresAt = new Map<string, number>();

  const finished = (id: string, result: CompletedQuery) =>
    log.info('query done', {
      query_id: id,
      outcome: result.isPartial ? 'stopped' : 'completed',
      took_ms: result.tookMs,
      rows: result.values.length,
    });

  const onDone = (id: string, event: StatusEvent, owner: string | undefined) => {
    const took = { query_id: id, took_ms: event.progress.elapsed_ms };
    switch (event.outcome) {
      case 'failed':
        // The status event says only "failed"; the reason is in the stored error, which get() rethrows.
        inner.get(id, ownerOption(owner)).then(
          () => log.warn('query failed', took),
          (err: unknown) => {
            const status = (err as { status?: unknown }).status;
            const fields = { ...took, ...errorFields(err) };
            if (typeof status === 'number' && status >= 500) log.error('query failed', fields);
            else log.warn('query failed', fields);
          },
        );
        return;
      case 'cancelled': {
        const expired = now() >= (expiresAt.get(id) ?? Number.POSITIVE_INFINITY);
        log.info(expired ? 'query expired' : 'query cancelled', took);
        return;
      }
      default:
        log.info('query done', { ...took, outcome: event.outcome ?? 'completed', rows_processed: event.progress.rows_processed });
    }
  };

  const follow = (id: string, expirationTimeMs: number, owner: string | undefined) => {
    expiresAt.set(id, expirationTimeMs);
    let state: StatusEvent['state'] = 'submitted';
    let unsubscribe: (() => void) | undefined;
    const end = () => {
      expiresAt.delete(id);
      unsubscribe?.();
    };
    const onEvent = (event: StatusEvent) => {
      if (state === 'done' || event.state === state) return; // progress updates repeat the state
      state = event.state;
      if (state === 'done') {
        onDone(id, event, owner);
        end();
      } else if (state !== 'submitted') log.info(`query ${state}`, { query_id: id });
    };
    inner.watch(id, onEvent, ownerOption(owner)).then(
      (stop) => {
        unsubscribe = stop;
        if (state === 'done') stop();
      },
      // Deleted before the watch began: the delete is logged on its own.
      () => end(),
    );
  };

  const submit = async (request: AsyncQueryRequest): Promise<AsyncQueryView> => {
    const view = await inner.submit(request);
    const id = view.id;
    if (id === undefined) return view;
    log.info('query submitted', {
      query_id: id,
      'user.name': request.owner,
      query: truncate(request.query),
      'event.start': new Date(view.startTimeMs).toISOString(),
    });
    if (view.isRunning) follow(id, view.expirationTimeMs, request.owner);
    else finished(id, view.result);
    return view;
  };

  return {
    query: (request) => inner.query(request),
    submit,
    get: async (id, options) => {
      const view = await inner.get(id, options);
      // A GET keep_alive pushes the expiry back: a later cancellation is then not an expiry.
      if (view.id !== undefined && expiresAt.has(view.id)) expiresAt.set(view.id, view.expirationTimeMs);
      return view;
    },
    stop: (id, options) => {
      // A malformed id is answered 400 at once: nothing to follow, and no way to flood the log with garbage.
      if (isAsyncId(id)) log.info('query stop requested', { query_id: id });
      return inner.stop(id, options);
    },
    delete: async (id, options) => {
      await inner.delete(id, options);
      log.info('query deleted', { query_id: id });
    },
    watch: (id, listener, options) => inner.watch(id, listener, options),
    preview: inner.preview === undefined ? undefined : (id, options) => inner.preview!(id, options),
    close: () => inner.close(),
  };
}

/**
 * A StatusBus that notices when this node finishes a query another node ran (the node left the cluster:
 * remote-queries.ts fails it on its behalf) and logs it; everything else passes through.
 */
export function logOrphanFinishes(bus: StatusBus, log: Log, nodeId: string): StatusBus {
  return {
    // Not an async function: every status event of every query passes here, and only an orphan's
    // `done` has anything to do after the publish.
    publish: (event) => {
      const published = bus.publish(event);
      if (event.state !== 'done' || event.node === nodeId) return published;
      return published.then(() => {
        const fields: LogFields = { query_id: event.id, 'orphan.node': event.node, outcome: event.outcome };
        log.warn('orphan query finished', fields);
      });
    },
    latest: (id) => bus.latest(id),
    subscribe: (id, listener) => bus.subscribe(id, listener),
  };
}

function truncate(query: string): string {
  return query.length <= MAX_LOGGED_QUERY_CHARS ? query : `${query.slice(0, MAX_LOGGED_QUERY_CHARS)}...`;
}

function isAsyncId(id: string): boolean {
  try {
    decodeAsyncId(id);
    return true;
  } catch {
    return false;
  }
}

function ownerOption(owner: string | undefined): { owner?: string } {
  return owner === undefined ? {} : { owner };
}
