import type { QueryEngine } from '../esql/query-engine.js';
import type { Clock, ControlChannel, NodeRegistry, ResultStore, RunningQueryDirectory, StatusBus } from './ports.js';

/** The adapters a LocalQueryRuntime talks through (memory/ in-process, redis/ in a cluster). */
export interface RuntimePorts {
  readonly results: ResultStore;
  readonly status: StatusBus;
  readonly control: ControlChannel;
  readonly nodes: NodeRegistry;
  readonly clock: Clock;
  /** Cluster mode: lets any node answer for queries running on another. Absent on a single node. */
  readonly directory?: RunningQueryDirectory;
}

export interface LocalQueryRuntimeOptions {
  readonly engine: QueryEngine;
  readonly ports: RuntimePorts;
  /** This node's id (22-char url-safe by default, random). It is embedded in every async id. */
  readonly nodeId?: string;
  /** Queries running at once; more wait in `submitted`. Default 16. */
  readonly maxRunning?: number;
  /** Queries one authenticated user may run at once on this node; more wait. Default half of maxRunning. */
  readonly maxRunningPerUser?: number;
  /** Queries that may wait in `submitted` at once; past it a submit gets 429. Default 50,000. */
  readonly maxQueued?: number;
  /** How long a stop waits for the pipeline to drain before a hard stop. Default 5000 ms. */
  readonly stopGraceMs?: number;
  /** Progress status events at most this often per query. Default 100 ms; 0 disables them. */
  readonly progressIntervalMs?: number;
  /** Memory budgets, bytes. Defaults: 256 MiB per query, 1 GiB for the node. */
  readonly queryMemoryBytes?: number;
  readonly globalMemoryBytes?: number;
  /** Cluster mode: how often a running query's partial result is checkpointed. Default 1000 ms. */
  readonly checkpointIntervalMs?: number;
  /** Cluster mode: larger checkpoints (JSON bytes) are not written. Default 4 MiB. */
  readonly checkpointMaxBytes?: number;
  /** Node heartbeat period and TTL. Defaults 5000 / 15000 ms. */
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTtlMs?: number;
  /** Passed to the engine's Driver. */
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly sliceMs?: number;
}
