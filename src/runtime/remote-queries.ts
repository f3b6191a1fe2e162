import { resourceNotFound, statusException, storeError } from '../errors.js';
import { columnarMark, storedView } from './async-query-views.js';
import type { Clock, ControlChannel, NodeRegistry, ResultStore, RunningQueryDirectory, RunningQueryRecord, StatusBus, StoredQuery } from './ports.js';
import type { AsyncQueryView, GetOptions, StatusEvent } from './query-runtime.js';
import { ownerMatches, type Asker } from './owner-check.js';

export interface RemoteQueriesDeps {
  readonly directory: RunningQueryDirectory;
  readonly results: ResultStore;
  readonly status: StatusBus;
  readonly control: ControlChannel;
  readonly nodes: NodeRegistry;
  readonly clock: Clock;
  readonly nodeId: string;
  /** While waiting on another node, how often to check it is still alive. */
  readonly livenessCheckMs: number;
}

/**
 * GET / stop / DELETE of queries this node does not run, answered from the shared ports: ownership
 * and expiry from the RunningQueryDirectory, stop and cancel through the owning node's
 * ControlChannel, completion from the StatusBus, the outcome from the ResultStore. A query whose node
 * is gone is finished as failed by the first node that notices (with the rows of its last checkpoint
 * when there is one), so no query stays running forever.
 */
export class RemoteQueries {
  constructor(private readonly deps: RemoteQueriesDeps) {}

  /** The running record `owner` may see; undefined if there is none; 404 if foreign or expired. */
  async find(id: string, requestedId: string, owner: Asker): Promise<RunningQueryRecord | undefined> {
    const record = await this.deps.directory.get(id);
    if (record === undefined) return undefined;
    if (!ownerMatches(record.owner, owner) || record.expirationTimeMs <= this.deps.clock.now()) {
      throw resourceNotFound(requestedId);
    }
    return record;
  }

  async get(record: RunningQueryRecord, requestedId: string, options: GetOptions): Promise<AsyncQueryView> {
    if (await this.isOrphan(record)) return storedView(await this.finishOrphan(record));
    let expirationTimeMs = record.expirationTimeMs;
    if (options.keepAliveMs !== undefined) {
      const extended = this.deps.clock.now() + options.keepAliveMs;
      await this.deps.directory.extend(record.id, extended);
      expirationTimeMs = Math.max(expirationTimeMs, extended);
    }
    const done = await this.waitForDone(record, options.waitForCompletionMs ?? 0);
    if (!done) return { id: record.id, isRunning: true, startTimeMs: record.startTimeMs, expirationTimeMs };
    return this.readFinal(record, requestedId, options.keepAliveMs);
  }

  async stop(record: RunningQueryRecord, requestedId: string): Promise<AsyncQueryView> {
    if (await this.isOrphan(record)) return storedView(await this.finishOrphan(record));
    await this.deps.control.send(record.node, { type: 'stop', id: record.id });
    await this.waitForDone(record, Number.POSITIVE_INFINITY);
    return this.readFinal(record, requestedId, undefined);
  }

  async delete(record: RunningQueryRecord): Promise<void> {
    if (await this.isOrphan(record)) await this.finishOrphan(record);
    else {
      await this.deps.control.send(record.node, { type: 'cancel', id: record.id });
      await this.waitForDone(record, Number.POSITIVE_INFINITY);
    }
    await this.deps.results.delete(record.id);
  }

  private async readFinal(record: RunningQueryRecord, requestedId: string, keepAliveMs: number | undefined): Promise<AsyncQueryView> {
    const entry = await this.deps.results.get(record.id);
    // Done but not stored: it was cancelled (DELETE or keep_alive expiry).
    if (entry === undefined) throw resourceNotFound(requestedId);
    if (keepAliveMs === undefined) return storedView(entry);
    const expirationTimeMs = this.deps.clock.now() + keepAliveMs;
    await this.deps.results.extend(record.id, expirationTimeMs);
    return storedView({ ...entry, expirationTimeMs: Math.max(entry.expirationTimeMs, expirationTimeMs) });
  }

  /** Not run by any live node: this node (its registry missed) or a node whose heartbeat ran out. */
  private async isOrphan(record: RunningQueryRecord): Promise<boolean> {
    return record.node === this.deps.nodeId || !(await this.deps.nodes.isAlive(record.node));
  }

  /**
   * Stores the outcome of a query whose node is gone: the rows of its last checkpoint as a partial
   * result carrying a warning that names the lost node (as ES answers `is_partial` when part of the
   * work failed), else a `status_exception` naming it. Either way its `done` event says `failed`.
   * A query submitted with `allow_partial_results=false` gets the error even with a checkpoint: ES
   * fails such a query on any failure rather than answer with part of the data.
   */
  private async finishOrphan(record: RunningQueryRecord): Promise<StoredQuery> {
    const lost = `node [${record.node}] left the cluster before the query finished`;
    const checkpoint =
      record.allowPartialResults === false ? undefined : await this.deps.directory.getCheckpoint(record.id);
    const now = this.deps.clock.now();
    const entry: StoredQuery = {
      id: record.id,
      ...(record.owner === undefined ? {} : { owner: record.owner }),
      startTimeMs: record.startTimeMs,
      expirationTimeMs: record.expirationTimeMs,
      doneOutcome: 'failed',
      ...columnarMark(record.columnar),
      outcome:
        checkpoint === undefined
          ? { error: storeError(statusException(lost)) }
          : {
              result: {
                ...checkpoint.result,
                isPartial: true,
                warnings: [
                  ...checkpoint.result.warnings,
                  `${lost}; partial results from its last checkpoint, taken at ${new Date(checkpoint.takenAtMs).toISOString()}`,
                ],
                tookMs: now - record.startTimeMs,
                startTimeMs: record.startTimeMs,
                completionTimeMs: now,
              },
            },
    };
    // The owner may have finished after all, its record removal lagging: never overwrite an outcome.
    if (!(await this.deps.results.putIfAbsent(entry))) {
      const stored = await this.deps.results.get(record.id);
      if (stored !== undefined) return stored;
    }
    await this.deps.directory.delete(record.id);
    const latest = await this.deps.status.latest(record.id);
    const done: StatusEvent = {
      id: record.id,
      seq: (latest?.seq ?? 0) + 1,
      state: 'done',
      outcome: 'failed',
      progress: {
        rows_processed: latest?.progress.rows_processed ?? 0,
        rows_total: latest?.progress.rows_total ?? null,
        pages: latest?.progress.pages ?? 0,
        elapsed_ms: now - record.startTimeMs,
      },
      node: record.node,
    };
    await this.deps.status.publish(done);
    return entry;
  }

  /**
   * True once the query is done (its outcome stored), false when `ms` ran out first. Completion is
   * seen as a `done` event or as the directory record gone (pub/sub may drop events); a dead owner is
   * noticed by a periodic liveness check.
   */
  private async waitForDone(record: RunningQueryRecord, ms: number): Promise<boolean> {
    if (ms <= 0) return false;
    const { clock } = this.deps;
    let resolve!: (done: boolean) => void;
    const result = new Promise<boolean>((r) => (resolve = r));
    let settled = false;
    let timeout: unknown;
    let poll: unknown;
    const finish = (done: boolean) => {
      if (settled) return;
      settled = true;
      if (timeout !== undefined) clock.clearTimeout(timeout);
      if (poll !== undefined) clock.clearTimeout(poll);
      resolve(done);
    };
    const unsubscribe = await this.deps.status.subscribe(record.id, (e) => e.state === 'done' && finish(true));
    // A failing check (Redis down for a moment) must not end the wait: the poll is always rescheduled,
    // and the subscription is released whatever happens.
    const check = async () => {
      if (settled) return;
      try {
        if ((await this.deps.status.latest(record.id))?.state === 'done') return finish(true);
        if ((await this.deps.directory.get(record.id)) === undefined) return finish(true);
        if (await this.isOrphan(record)) {
          await this.finishOrphan(record);
          return finish(true);
        }
      } finally {
        if (!settled) poll = clock.setTimeout(() => void check().catch(() => undefined), this.deps.livenessCheckMs);
      }
    };
    try {
      if (Number.isFinite(ms)) timeout = clock.setTimeout(() => finish(false), ms);
      await check().catch(() => undefined);
      return await result;
    } finally {
      finish(false);
      unsubscribe();
    }
  }
}
