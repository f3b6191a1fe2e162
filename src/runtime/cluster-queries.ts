import { statusException } from '../errors.js';
import { columnarMark } from './async-query-views.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import type { LiveQuery } from './live-query.js';
import type { RuntimePorts } from './local-query-runtime-options.js';
import type { RunningQueryDirectory, RunningQueryRecord } from './ports.js';
import { RemoteQueries } from './remote-queries.js';
import type { Asker } from './owner-check.js';

const MIB = 1024 * 1024;

export interface ClusterQueriesOptions {
  readonly nodeId: string;
  /** While waiting on another node, how often to check it is still alive. */
  readonly livenessCheckMs: number;
  readonly checkpointIntervalMs: number;
  readonly checkpointMaxBytes?: number;
}

/**
 * Cluster mode: this node's side of the RunningQueryDirectory. It records the queries this node runs
 * (so any node finds them), checkpoints their partial results (for when this node dies), and finds
 * the queries of other nodes, answered through RemoteQueries.
 */
export class ClusterQueries {
  private readonly remote: RemoteQueries;
  private readonly checkpoints: CheckpointWriter;
  /** How to stop checkpointing each query being checkpointed, by id. */
  private readonly checkpointing = new Map<string, () => void>();

  constructor(
    private readonly directory: RunningQueryDirectory,
    ports: RuntimePorts,
    options: ClusterQueriesOptions,
  ) {
    this.remote = new RemoteQueries({ ...ports, directory, nodeId: options.nodeId, livenessCheckMs: options.livenessCheckMs });
    this.checkpoints = new CheckpointWriter(directory, ports.clock, {
      intervalMs: options.checkpointIntervalMs,
      maxBytes: options.checkpointMaxBytes ?? 4 * MIB,
    });
  }

  /**
   * Makes a submitted query visible to the other nodes before its id is handed out, and checkpoints
   * it while it runs. If it cannot be recorded, the query is cancelled and the submit fails.
   * `allowPartialResults: false` travels in the record: the node that finishes the query if this one
   * dies must honour it. Such a query is not checkpointed at all: no node may answer with a checkpoint.
   */
  async register(live: LiveQuery, nodeId: string, allowPartialResults = true): Promise<void> {
    try {
      await this.directory.put({
        id: live.id,
        ...(live.owner === undefined ? {} : { owner: live.owner }),
        node: nodeId,
        startTimeMs: live.startTimeMs,
        expirationTimeMs: live.expirationTimeMs,
        ...columnarMark(live.columnar),
        ...(allowPartialResults ? {} : { allowPartialResults: false as const }),
      });
      if (!allowPartialResults) this.checkpointing.get(live.id)?.();
    } catch (err) {
      live.actor.send({ type: 'query.cancel', reason: 'could not register the query' });
      throw statusException(`could not register the query: ${String(err)}`);
    }
  }

  /** Checkpoints a running query until the returned function is called (before its record goes). */
  checkpoint(live: LiveQuery): () => void {
    const remove = this.checkpoints.add(live);
    const stop = () => {
      this.checkpointing.delete(live.id);
      remove();
    };
    this.checkpointing.set(live.id, stop);
    return stop;
  }

  /** Removes a finished query's record (its outcome is in the ResultStore by now). */
  async forget(id: string): Promise<void> {
    await this.directory.delete(id).catch(() => undefined);
  }

  async extend(id: string, expirationTimeMs: number): Promise<void> {
    await this.directory.extend(id, expirationTimeMs);
  }

  /** The expiration recorded for a query (another node may have extended it). */
  async recordedExpiration(id: string): Promise<number | undefined> {
    return (await this.directory.get(id))?.expirationTimeMs;
  }

  /** A query this node does not run but the directory knows, with what answers for it. */
  async find(
    canonical: string,
    requestedId: string,
    owner: Asker,
  ): Promise<{ readonly queries: RemoteQueries; readonly record: RunningQueryRecord } | undefined> {
    const record = await this.remote.find(canonical, requestedId, owner);
    return record === undefined ? undefined : { queries: this.remote, record };
  }
}
