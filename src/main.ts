/**
 * Composition root: config -> catalog (datasets) -> engine -> ports (in-memory adapters: the embedded
 * default) -> runtime -> HTTP +
 * WebSocket gateway (same port). The only module that wires concrete adapters together.
 */
import type { AddressInfo } from 'node:net';
import type { QactorConfig } from './config.js';
import { EsqlEngine } from './esql/engine.js';
import { logUnexpectedErrors } from './http/error-handler.js';
import { LatencyHistogram } from './http/latency-histogram.js';
import { BUS_LAG_BUCKETS, QueryMetrics } from './http/query-metrics.js';
import { buildServer } from './http/server.js';
import { MemoryControlChannel } from './memory/memory-control-channel.js';
import { MemoryNodeRegistry } from './memory/memory-node-registry.js';
import { MemoryResultStore } from './memory/memory-result-store.js';
import { MemoryStatusBus } from './memory/memory-status-bus.js';
import { LocalQueryRuntime, type RuntimePorts } from './runtime/local-query-runtime.js';
import type { QueryRuntime } from './runtime/query-runtime.js';
import { SILENT_LOG, type Log } from './runtime/log.js';
import { logOrphanFinishes, withLifecycleLog } from './runtime/query-lifecycle-log.js';
import { SystemClock } from './runtime/system-clock.js';
import type { ApiKeyStore } from './security/api-key-store.js';
import { Authenticator } from './security/authenticator.js';
import { MemoryApiKeyStore } from './security/memory-api-key-store.js';
import { readUsersFile, type UsersDocument } from './security/users-file.js';
import { attachGateway } from './ws/gateway.js';
import { Catalog } from './storage/catalog.js';
import { generateLogs } from './storage/demo-logs.js';
import { loadDir, loadFile } from './storage/load-dir.js';
import { IndexWriters } from './storage/index-writers.js';
import { PersistedIndices } from './storage/persisted-indices.js';
import { ParallelQueryEngine } from './parallel/parallel-query-engine.js';
import { WorkerPool } from './parallel/worker-pool.js';
import { queryWorkerUrl } from './parallel/worker-url.js';

export interface RunningQactor {
  /** `http://HOST:PORT` as bound (the real port when 0 was asked). */
  readonly url: string;
  readonly port: number;
  readonly catalog: Catalog;
  readonly runtime: QueryRuntime;
  /** Graceful shutdown: stop accepting, stop running queries, close the server. */
  close(): Promise<void>;
}

export interface StartHooks {
  /** The operational log (JSON lines or text, chosen by the CLI; silent when absent, as in tests). */
  readonly log?: Log;
}

export async function startQactor(config: QactorConfig, hooks: StartHooks = {}): Promise<RunningQactor> {
  const logger = hooks.log ?? SILENT_LOG;
  // Startup lines (indices loaded, security, cluster mode) are plain info messages.
  const log = (line: string) => logger.info(line);
  const catalog = loadCatalog(config, log);
  // After the startup loads, so that a persisted index named like a loaded one is refused.
  const persisted = config.dataDir === undefined ? undefined : PersistedIndices.restore(config.dataDir, new IndexWriters(catalog), logger);
  const users = readUsers(config, log);

  const clock = new SystemClock();
  // Created before the ports: the status bus adapters observe every delivery into it.
  const busLag = new LatencyHistogram(BUS_LAG_BUCKETS);
  const { ports, apiKeys, closePorts } = await createPorts(config, clock, logger, busLag.observe);
  const authenticator = users === undefined ? undefined : new Authenticator(users, apiKeys);
  const pool = startWorkerPool(config, log);
  const engine = new EsqlEngine(catalog, { testFunctions: config.testFunctions });
  const runtime = new LocalQueryRuntime({
    engine:
      pool === undefined
        ? engine
        : new ParallelQueryEngine(engine, { pool, catalog, queryMemoryBytes: config.queryMemoryBytes, testFunctions: config.testFunctions }),
    ports: { ...ports, status: logOrphanFinishes(ports.status, logger, config.nodeName) },
    nodeId: config.nodeName,
    // A dead node's queries must be failed by the others within seconds, not after a 15 s TTL.
    ...(config.redisUrl === undefined ? {} : { heartbeatIntervalMs: 1_000, heartbeatTtlMs: 3_000 }),
    maxRunning: config.maxRunningQueries,
    maxQueued: config.maxQueuedQueries,
    ...(config.maxRunningPerUser === undefined ? {} : { maxRunningPerUser: config.maxRunningPerUser }),
    stopGraceMs: config.stopGraceMs,
    progressIntervalMs: config.progressIntervalMs,
    checkpointIntervalMs: config.checkpointIntervalMs,
    queryMemoryBytes: config.queryMemoryBytes,
    globalMemoryBytes: config.nodeMemoryBytes,
  });

  // HTTP and WebSocket get the counting wrapper around the logging one, so /_metrics and the log see
  // every query they start.
  const metrics = new QueryMetrics(
    withLifecycleLog(runtime, logger, () => clock.now()),
    {
      activeActors: () => runtime.liveCount,
      runningSlots: () => runtime.runningCount,
      queuedQueries: () => runtime.queuedCount,
    },
    busLag,
  );
  const server = buildServer(metrics.runtime, {
    metrics,
    catalog,
    ...(persisted === undefined ? {} : { persistedIndices: persisted }),
    bodyLimitBytes: config.bodyLimitBytes,
    nodeName: config.nodeName,
    // Without a log (tests), fastify's default reporter prints bugs to the console rather than dropping them.
    ...(hooks.log === undefined ? {} : { onUnexpectedError: logUnexpectedErrors(hooks.log) }),
    ...(authenticator === undefined ? {} : { authenticator }),
  });
  try {
    await server.listen({ host: config.host, port: config.port });
  } catch (err) {
    await runtime.close();
    await pool?.close();
    await closePorts();
    await persisted?.close();
    throw err;
  }
  const gateway = attachGateway(
    server.server,
    metrics.runtime,
    authenticator === undefined ? {} : { authenticate: (header, path) => authenticator.authenticate(header, path) },
  );
  metrics.gauges = { ...metrics.gauges, wsClients: () => gateway.connectionCount };
  const address = server.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    catalog,
    runtime,
    close: () =>
      (closed ??= (async () => {
        // Runtime first: running queries are stopped and their partial results stored while
        // clients can still read them; then the listener goes away.
        await runtime.close();
        // After the runtime: stopped queries still need their workers to answer.
        await pool?.close();
        await gateway.close();
        await server.close();
        await closePorts();
        await persisted?.close();
      })()),
  };
}

/** `--workers N` (N ≥ 2): the threads one query is split across; fewer means the main thread alone. */
function startWorkerPool(config: QactorConfig, log: (line: string) => void): WorkerPool | undefined {
  if (config.workers < 2) return undefined;
  log(`splitting queries across ${config.workers} worker threads`);
  return new WorkerPool({
    size: config.workers,
    workerUrl: queryWorkerUrl(),
    globalMemoryBytes: config.nodeMemoryBytes,
    testFunctions: config.testFunctions,
  });
}

/** `--users FILE` turns security on; read before listening so a bad file stops the start. */
function readUsers(config: QactorConfig, log: (line: string) => void): UsersDocument | undefined {
  if (config.usersFile === undefined) return undefined;
  const users = readUsersFile(config.usersFile);
  log(`security on: ${Object.keys(users.users).length} users from ${config.usersFile}`);
  return users;
}

/** In-memory adapters (embedded default) or, with a Redis URL, the cluster adapters (API keys included). */
async function createPorts(
  config: QactorConfig,
  clock: SystemClock,
  logger: Log,
  onBusLag: (seconds: number) => void,
): Promise<{ ports: RuntimePorts; apiKeys: ApiKeyStore; closePorts: () => Promise<void> }> {
  if (config.redisUrl === undefined) {
    const ports: RuntimePorts = {
      results: new MemoryResultStore(clock),
      status: new MemoryStatusBus(undefined, onBusLag),
      control: new MemoryControlChannel(),
      nodes: new MemoryNodeRegistry(clock),
      clock,
    };
    return { ports, apiKeys: new MemoryApiKeyStore(() => clock.now()), closePorts: () => Promise.resolve() };
  }
  // Loaded only in cluster mode: ioredis and the Redis adapters cost startup time and memory otherwise.
  const { createRedisPorts, redactUrl } = await import('./redis/create-redis-ports.js');
  let lastError = '';
  const redis = await createRedisPorts(config.redisUrl, {
    clock,
    onStatusLag: onBusLag,
    // ioredis reports every failed reconnect attempt; one line per distinct problem is enough.
    onError: (err) => {
      if (err.message !== lastError) logger.warn('redis connection problem', { 'error.message': err.message });
      lastError = err.message;
    },
    onReconnected: () => {
      logger.info('redis connection restored');
      lastError = '';
    },
  });
  logger.info(`cluster mode: node [${config.nodeName}] on Redis ${redactUrl(config.redisUrl)}`);
  const { results, status, control, nodes, directory, apiKeys } = redis;
  return { ports: { results, status, control, nodes, directory, clock }, apiKeys, closePorts: () => redis.close() };
}

function loadCatalog(config: QactorConfig, log: (line: string) => void): Catalog {
  const catalog = new Catalog();
  for (const dir of config.loadDirs) {
    for (const index of loadDir(dir)) {
      catalog.put(index);
      log(`loaded index [${index.name}] (${index.rowCount} rows) from ${dir}`);
    }
  }
  for (const { index, file } of config.loads) {
    const loaded = loadFile(index, file);
    catalog.put(loaded);
    log(`loaded index [${index}] (${loaded.rowCount} rows) from ${file}`);
  }
  if (config.demo) {
    catalog.put(generateLogs(config.demoRows, config.demoSeed));
    log(`generated demo index [logs] (${config.demoRows} rows, seed ${config.demoSeed})`);
  }
  return catalog;
}
