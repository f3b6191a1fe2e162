import { BlockFactory, MemoryBudget } from '../compute/block-factory.js';
import { resourceNotFound, statusException, taskCancelled } from '../errors.js';
import type { QueryEngine } from '../esql/query-engine.js';
import { ActorRegistry } from './actor-registry.js';
import { decodeAsyncId, encodeAsyncId, randomBase64Uuid } from './async-id.js';
import { clockSleep } from './clock-sleep.js';
import { ClusterQueries } from './cluster-queries.js';
import { LiveQuery, type LiveQueryDeps } from './live-query.js';
import type { LocalQueryRuntimeOptions, RuntimePorts } from './local-query-runtime-options.js';
import { NodePresence } from './node-presence.js';
import { admit, checkQueueRoom } from './query-admission.js';
import type { ControlCommand, StoredQuery } from './ports.js';
import type {
  AsyncQueryRequest,
  AsyncQueryView,
  CompletedQuery,
  GetOptions,
  QueryPreview,
  QueryRequest,
  QueryRuntime,
  StatusEvent,
} from './query-runtime.js';
import { ANY_OWNER, ownerMatches, type Asker } from './owner-check.js';
import { RunningSlots } from './running-slots.js';
import { ProgressTicker } from './progress-ticker.js';
import { KeepAliveTimers } from './keep-alive-timers.js';
import { finishedView, runningView, storedView } from './async-query-views.js';
import { doneEventFor, watchStatus } from './status-watch.js';

export type { LocalQueryRuntimeOptions, RuntimePorts } from './local-query-runtime-options.js';

const MIB = 1024 * 1024;

/**
 * The QueryRuntime of one node: every query is a query-machine actor; live ones are in the
 * ActorRegistry, finished ones are answered from the ResultStore.
 *
 * Constructor: `new LocalQueryRuntime({ engine, ports: { results, status, control, nodes, clock, directory? },
 * nodeId?, maxRunning?, stopGraceMs?, progressIntervalMs?, queryMemoryBytes?, globalMemoryBytes?,
 * heartbeatIntervalMs?, heartbeatTtlMs?, yieldToEventLoop?, sliceMs? })` (LocalQueryRuntimeOptions).
 * It is usable at once; `close()` shuts it down. With `ports.directory` (cluster mode) it also answers
 * for queries running on other nodes (cluster-queries.ts).
 */
export class LocalQueryRuntime implements QueryRuntime {
  readonly nodeId: string;
  private readonly engine: QueryEngine;
  private readonly ports: RuntimePorts;
  private readonly registry = new ActorRegistry();
  private readonly slots: RunningSlots;
  private readonly globalMemory: MemoryBudget;
  private readonly queryMemoryBytes: number;
  /** One object for every query: LiveQuery builds its provided machine once per deps. */
  private readonly liveDeps: LiveQueryDeps;
  private readonly options: LocalQueryRuntimeOptions;
  private readonly keepAlive: KeepAliveTimers;
  /** Cluster mode only. */
  private readonly cluster: ClusterQueries | undefined;
  private readonly presence: NodePresence;
  private taskNumber = 0;
  private closed = false;

  constructor(options: LocalQueryRuntimeOptions) {
    this.options = options;
    this.engine = options.engine;
    this.ports = options.ports;
    this.nodeId = options.nodeId ?? randomBase64Uuid();
    // The node id is embedded in every async id (`nodeId:taskNumber`); an empty one cannot be decoded.
    if (this.nodeId.length === 0) throw new RangeError('nodeId must not be empty');
    const maxRunning = options.maxRunning ?? 16;
    this.slots = new RunningSlots(maxRunning, options.maxRunningPerUser ?? Math.max(1, Math.ceil(maxRunning / 2)));
    this.queryMemoryBytes = options.queryMemoryBytes ?? 256 * MIB;
    this.globalMemory = new MemoryBudget(options.globalMemoryBytes ?? 1024 * MIB, 'parent');
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5_000;
    const directory = this.ports.directory;
    const cluster =
      directory &&
      new ClusterQueries(directory, this.ports, {
        nodeId: this.nodeId,
        livenessCheckMs: heartbeatIntervalMs,
        checkpointIntervalMs: options.checkpointIntervalMs ?? 1_000,
        checkpointMaxBytes: options.checkpointMaxBytes,
      });
    this.cluster = cluster;
    // Another node may have extended a running query's keep_alive in the directory.
    this.keepAlive = new KeepAliveTimers(this.ports.clock, cluster && ((live) => cluster.recordedExpiration(live.id)));
    this.liveDeps = {
      clock: this.ports.clock,
      results: this.ports.results,
      status: this.ports.status,
      nodeId: this.nodeId,
      stopGraceMs: options.stopGraceMs ?? 5_000,
      progressTicker: new ProgressTicker(this.ports.clock, options.progressIntervalMs ?? 100),
      yieldToEventLoop: options.yieldToEventLoop,
      sliceMs: options.sliceMs,
      sleep: clockSleep(this.ports.clock),
    };
    this.presence = new NodePresence(
      this.ports,
      this.nodeId,
      { heartbeatIntervalMs, heartbeatTtlMs: options.heartbeatTtlMs ?? 15_000 },
      (command) => this.onControl(command),
    );
  }

  /** Queries running / waiting for a slot (for metrics and tests). */
  get runningCount(): number {
    return this.slots.runningCount;
  }

  get queuedCount(): number {
    return this.slots.queuedCount;
  }

  /** Live actors held (running + queued + finishing). */
  get liveCount(): number {
    return this.registry.size;
  }

  async query(request: QueryRequest): Promise<CompletedQuery> {
    if (request.signal?.aborted) throw taskCancelled();
    const live = this.launch(request, { keepAliveMs: 0, store: false, announce: false });
    const cancel = () => {
      if (live.completion === undefined) live.actor.send({ type: 'query.cancel', reason: 'client went away' });
    };
    request.signal?.addEventListener('abort', cancel, { once: true });
    const completion = await live.finished.finally(() => request.signal?.removeEventListener('abort', cancel));
    if (completion.result === undefined) throw completion.error ?? statusException('query ended without a result');
    return completion.result;
  }

  async submit(request: AsyncQueryRequest): Promise<AsyncQueryView> {
    const live = this.launch(request, {
      keepAliveMs: request.keepAliveMs,
      store: request.keepOnCompletion,
      announce: true,
      columnar: request.columnar,
    });
    await this.cluster?.register(live, this.nodeId, request.allowPartialResults);
    // If the wait runs out first, the query gets an id and its outcome will be stored.
    const completion = await live.waitFor(request.waitForCompletionMs, () => (live.store = true));
    if (completion === undefined) return runningView(live);
    return finishedView(completion.stored ? live.id : undefined, live, completion);
  }

  async get(id: string, options: GetOptions = {}): Promise<AsyncQueryView> {
    const canonical = this.canonicalId(id);
    const live = this.visibleLive(canonical, id, options.owner);
    if (live !== undefined) {
      if (options.keepAliveMs !== undefined) await this.extendLive(live, this.ports.clock.now() + options.keepAliveMs);
      const completion = await live.waitFor(options.waitForCompletionMs ?? 0);
      if (completion === undefined) return runningView(live);
      if (options.keepAliveMs !== undefined && completion.stored) {
        await this.ports.results.extend(canonical, this.ports.clock.now() + options.keepAliveMs);
      }
      return finishedView(live.id, live, completion, id);
    }
    const remote = await this.cluster?.find(canonical, id, options.owner);
    if (remote !== undefined) return remote.queries.get(remote.record, id, options);
    const entry = await this.visibleStored(canonical, id, options.owner);
    if (options.keepAliveMs !== undefined) {
      const expirationTimeMs = this.ports.clock.now() + options.keepAliveMs;
      await this.ports.results.extend(canonical, expirationTimeMs);
      return storedView({ ...entry, expirationTimeMs: Math.max(entry.expirationTimeMs, expirationTimeMs) });
    }
    return storedView(entry);
  }

  async stop(id: string, options: { readonly owner?: string } = {}): Promise<AsyncQueryView> {
    const canonical = this.canonicalId(id);
    const live = this.visibleLive(canonical, id, options.owner);
    if (live === undefined) {
      const remote = await this.cluster?.find(canonical, id, options.owner);
      if (remote !== undefined) return remote.queries.stop(remote.record, id);
      return storedView(await this.visibleStored(canonical, id, options.owner));
    }
    this.requestStop(live);
    return finishedView(live.id, live, await live.finished, id);
  }

  async delete(id: string, options: { readonly owner?: string; readonly anyOwner?: boolean } = {}): Promise<void> {
    const canonical = this.canonicalId(id);
    const owner: Asker = options.anyOwner === true ? ANY_OWNER : options.owner;
    const live = this.visibleLive(canonical, id, owner);
    if (live !== undefined) {
      if (live.completion === undefined) live.actor.send({ type: 'query.cancel', reason: 'deleted' });
      const completion = await live.finished;
      if (completion.stored) await this.ports.results.delete(canonical);
      return;
    }
    const remote = await this.cluster?.find(canonical, id, owner);
    if (remote !== undefined) return remote.queries.delete(remote.record);
    await this.visibleStored(canonical, id, owner);
    if (!(await this.ports.results.delete(canonical))) throw resourceNotFound(id);
  }

  async watch(
    id: string,
    listener: (event: StatusEvent) => void,
    options: { readonly owner?: string } = {},
  ): Promise<() => void> {
    const canonical = this.canonicalId(id);
    const live = this.visibleLive(canonical, id, options.owner);
    const remote = live === undefined ? await this.cluster?.find(canonical, id, options.owner) : undefined;
    const entry =
      live === undefined && remote === undefined ? await this.visibleStored(canonical, id, options.owner) : undefined;
    return watchStatus(this.ports.status, canonical, listener, live?.snapshotEvent(), entry && doneEventFor(entry));
  }

  async preview(id: string, options: { readonly owner?: string } = {}): Promise<QueryPreview | undefined> {
    const canonical = this.canonicalId(id);
    const live = this.visibleLive(canonical, id, options.owner);
    if (live !== undefined) return live.preview();
    // Known elsewhere (another node, or finished and stored): nothing live to show from here.
    if ((await this.cluster?.find(canonical, id, options.owner)) !== undefined) return undefined;
    await this.visibleStored(canonical, id, options.owner);
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const live = this.registry.values();
    for (const query of live) {
      // Shutting down keeps what was computed: every live query is stopped and its result stored.
      query.store = true;
      this.requestStop(query);
    }
    await Promise.all(live.map((q) => q.finished));
    this.keepAlive.clearAll();
    await this.presence.close();
  }

  private launch(
    request: QueryRequest,
    mode: { keepAliveMs: number; store: boolean; announce: boolean; columnar?: boolean },
  ): LiveQuery {
    if (this.closed) throw statusException('node is shutting down');
    checkQueueRoom(this.slots, this.options.maxQueued ?? 50_000);
    const startTimeMs = this.ports.clock.now();
    // Parsing and verification errors surface here, at submit time; nothing is registered or stored.
    const prepared = this.engine.prepare(request.query, { params: request.params, nowMs: startTimeMs });
    const id = encodeAsyncId({ docId: randomBase64Uuid(), nodeId: this.nodeId, taskNumber: ++this.taskNumber });
    const blockFactory = new BlockFactory(new MemoryBudget(this.queryMemoryBytes, 'request'), this.globalMemory);
    const live = new LiveQuery(
      { id, owner: request.owner, prepared, startTimeMs, blockFactory, ...mode },
      this.liveDeps,
    );
    let releaseSlot: () => void = () => undefined;
    const stopCheckpoints = mode.announce ? this.cluster?.checkpoint(live) : undefined;
    void live.finished.then(async () => {
      stopCheckpoints?.();
      // The directory record goes before the registry entry: a reader never finds neither.
      if (mode.announce) await this.cluster?.forget(live.id);
      this.registry.remove(live);
      this.keepAlive.clear(live);
      releaseSlot();
    });
    this.registry.add(live);
    releaseSlot = admit(this.slots, live, request.owner, mode.announce);
    if (mode.announce) this.keepAlive.schedule(live);
    return live;
  }

  private async extendLive(live: LiveQuery, expirationTimeMs: number): Promise<void> {
    this.keepAlive.extend(live, expirationTimeMs);
    if (live.completion === undefined) await this.cluster?.extend(live.id, expirationTimeMs);
  }

  private requestStop(live: LiveQuery): void {
    // A repeated stop must not turn into a hard stop that would drop the rows being drained.
    if (live.completion === undefined && live.state !== 'stopping') {
      live.store = true;
      live.actor.send({ type: 'query.stop' });
    }
  }

  /**
   * Ids this node handed out are canonical already (the registry is keyed by them): a live query's id
   * skips the decode and re-encode, which cost tens of µs per call, twice per async submit (the metrics
   * and lifecycle-log watches) and again on each GET and DELETE.
   */
  private canonicalId(id: string): string {
    return this.registry.get(id) !== undefined ? id : canonicalId(id);
  }

  /** The live query with this id if the caller may see it and it has not expired; undefined if not live. */
  private visibleLive(canonical: string, requestedId: string, owner: Asker): LiveQuery | undefined {
    const live = this.registry.get(canonical);
    if (live === undefined) return undefined;
    if (!ownerMatches(live.owner, owner) || live.isExpired(this.ports.clock.now())) throw resourceNotFound(requestedId);
    return live;
  }

  private async visibleStored(canonical: string, requestedId: string, owner: Asker): Promise<StoredQuery> {
    const entry = await this.ports.results.get(canonical);
    if (entry === undefined || !ownerMatches(entry.owner, owner)) throw resourceNotFound(requestedId);
    return entry;
  }

  private onControl(command: ControlCommand): void {
    const live = this.registry.get(command.id);
    if (live === undefined || live.completion !== undefined) return;
    if (command.type === 'stop') this.requestStop(live);
    else live.actor.send({ type: 'query.cancel', reason: 'cancelled by another node' });
  }
}

/** Decodes (400 on a malformed id) and re-encodes, so equivalent spellings name one query. */
function canonicalId(id: string): string {
  return encodeAsyncId(decodeAsyncId(id));
}
