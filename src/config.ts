import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './runtime/log.js';
import { stripUndefined } from './strip-undefined.js';

/**
 * Server configuration: defaults, then `QACTOR_*` environment variables, then command-line flags
 * (cli.ts passes those in). The only module that reads process.env.
 */

export interface IndexLoad {
  readonly index: string;
  readonly file: string;
}

export interface QactorConfig {
  readonly host: string;
  readonly port: number;
  readonly nodeName: string;
  readonly loads: readonly IndexLoad[];
  readonly loadDirs: readonly string[];
  readonly demo: boolean;
  readonly demoRows: number;
  readonly demoSeed: number;
  readonly testFunctions: boolean;
  /** Bind a non-loopback address without authentication. */
  readonly insecure: boolean;
  /** Queries running at once on this node; more wait in `submitted`. */
  readonly maxRunningQueries: number;
  /** Queries one authenticated user may run at once (undefined: half of maxRunningQueries). */
  readonly maxRunningPerUser?: number;
  /** Queries that may wait in `submitted`; past it submits get 429 es_rejected_execution_exception. */
  readonly maxQueuedQueries: number;
  readonly queryMemoryBytes: number;
  readonly nodeMemoryBytes: number;
  /** After a stop, how long the pipeline may take to drain before buffered pages are returned as they are. */
  readonly stopGraceMs: number;
  /** Minimum interval between two progress status events of one query. */
  readonly progressIntervalMs: number;
  /** Cluster mode: how often each running query's partial result is checkpointed to Redis (`--checkpoint-interval`). */
  readonly checkpointIntervalMs: number;
  readonly bodyLimitBytes: number;
  /** `json`: one JSON object per line (servers, containers); `text`: `qactor: message key=value` for a terminal. */
  readonly logFormat: LogFormat;
  readonly logLevel: LogLevel;
  /** Cluster mode: the Redis shared by the nodes (`redis://HOST:PORT`); absent = in-memory adapters. */
  readonly redisUrl?: string;
  /** `--users FILE`: security on (Basic auth + API keys, queries visible to their owner only); absent = off. */
  readonly usersFile?: string;
  /** `--data-dir DIR`: indices created through the ingest API are persisted there and reloaded at start. */
  readonly dataDir?: string;
  /** `--workers N`: worker threads that split one query across cores; 0 (default) or 1 = everything on the main thread. */
  readonly workers: number;
}

export const DEFAULTS: QactorConfig = {
  host: '127.0.0.1',
  port: 9200,
  nodeName: 'node-1',
  loads: [],
  loadDirs: [],
  demo: false,
  demoRows: 2_000_000,
  demoSeed: 42,
  testFunctions: false,
  insecure: false,
  maxRunningQueries: 16,
  maxQueuedQueries: 50_000,
  queryMemoryBytes: 512 * 1024 * 1024,
  nodeMemoryBytes: 2 * 1024 * 1024 * 1024,
  stopGraceMs: 5_000,
  progressIntervalMs: 100,
  checkpointIntervalMs: 1_000,
  bodyLimitBytes: 10 * 1024 * 1024,
  logFormat: 'json',
  logLevel: 'info',
  workers: 0,
};

/** Environment overrides, e.g. `QACTOR_PORT=9201`, `QACTOR_NODE_NAME=a`. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<QactorConfig> {
  const out: { -readonly [K in keyof QactorConfig]?: QactorConfig[K] } = {};
  if (env.QACTOR_HOST) out.host = env.QACTOR_HOST;
  if (env.QACTOR_PORT) out.port = parseIntStrict('QACTOR_PORT', env.QACTOR_PORT);
  if (env.QACTOR_NODE_NAME) out.nodeName = env.QACTOR_NODE_NAME;
  if (env.QACTOR_REDIS_URL) out.redisUrl = env.QACTOR_REDIS_URL;
  if (env.QACTOR_USERS_FILE) out.usersFile = env.QACTOR_USERS_FILE;
  if (env.QACTOR_LOG_FORMAT) out.logFormat = oneOf('QACTOR_LOG_FORMAT', env.QACTOR_LOG_FORMAT, LOG_FORMATS);
  if (env.QACTOR_LOG_LEVEL) out.logLevel = oneOf('QACTOR_LOG_LEVEL', env.QACTOR_LOG_LEVEL, LOG_LEVELS);
  if (env.QACTOR_DATA_DIR) out.dataDir = env.QACTOR_DATA_DIR;
  if (env.QACTOR_WORKERS) out.workers = parseIntStrict('QACTOR_WORKERS', env.QACTOR_WORKERS);
  if (env.QACTOR_MAX_RUNNING_QUERIES)
    out.maxRunningQueries = parseIntStrict('QACTOR_MAX_RUNNING_QUERIES', env.QACTOR_MAX_RUNNING_QUERIES);
  if (env.QACTOR_QUERY_MEMORY_BYTES)
    out.queryMemoryBytes = parseIntStrict('QACTOR_QUERY_MEMORY_BYTES', env.QACTOR_QUERY_MEMORY_BYTES);
  if (env.QACTOR_NODE_MEMORY_BYTES)
    out.nodeMemoryBytes = parseIntStrict('QACTOR_NODE_MEMORY_BYTES', env.QACTOR_NODE_MEMORY_BYTES);
  return out;
}

export function resolveConfig(overrides: Partial<QactorConfig>, env: NodeJS.ProcessEnv = process.env): QactorConfig {
  const config: QactorConfig = { ...DEFAULTS, ...configFromEnv(env), ...stripUndefined(overrides) };
  validate(config);
  return config;
}

export function parseIntStrict(what: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(`${what} must be a non-negative integer, got [${text}]`);
  return Number(text.trim());
}

export function oneOf<T extends string>(what: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new ConfigError(`${what} must be one of ${allowed.join(', ')}, got [${text}]`);
  return text as T;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Each interval writes every running query's checkpoint to Redis: below 100 ms that load buys little
 * (a dead node is noticed after seconds anyway); over an hour is most likely seconds typed as ms, and
 * would leave queries without a checkpoint unnoticed.
 */
export const CHECKPOINT_INTERVAL_RANGE_MS = { min: 100, max: 3_600_000 } as const;

function checkCheckpointInterval(ms: number): void {
  const { min, max } = CHECKPOINT_INTERVAL_RANGE_MS;
  if (!Number.isInteger(ms) || ms < min || ms > max) {
    throw new ConfigError(`checkpoint interval must be ${min}..${max} ms, got [${ms}]`);
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

function validate(c: QactorConfig): void {
  if (c.port < 0 || c.port > 65535) throw new ConfigError(`port must be 0..65535, got [${c.port}]`);
  if (c.maxRunningQueries < 1) throw new ConfigError('max running queries must be at least 1');
  if (c.maxRunningPerUser !== undefined && c.maxRunningPerUser < 1) {
    throw new ConfigError('max running queries per user must be at least 1');
  }
  if (c.demoRows < 0) throw new ConfigError('demo rows must be >= 0');
  if (!Number.isInteger(c.workers) || c.workers < 0 || c.workers > 64) throw new ConfigError(`workers must be 0..64, got [${c.workers}]`);
  checkCheckpointInterval(c.checkpointIntervalMs);
  if (c.redisUrl !== undefined && !/^rediss?:\/\/./.test(c.redisUrl)) {
    throw new ConfigError(`redis URL must look like redis://HOST:PORT, got [${c.redisUrl}]`);
  }
  if (!isLoopback(c.host) && !c.insecure && c.usersFile === undefined) {
    // Without --users security is off: serving every query to anyone on the network must be a choice.
    throw new ConfigError(
      `refusing to bind non-loopback address [${c.host}] without authentication: anyone who can reach it could ` +
        'read, stop and delete every query. Pass --users FILE to require authentication, or --insecure to do it anyway.',
    );
  }
}
