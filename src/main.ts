/**
 * Composition root: config -> catalog (datasets) -> engine -> ports (in-memory adapters: the embedded
 * default) -> runtime -> HTTP +
 * WebSocket gateway (same port). The only module that wires concrete adapters together.
 */
import type { AddressInfo } from 'node:net';
import type { QactorConfig } from './config.js';
import { EsqlEngine } from './esql/engine.js';
import { QueryMetrics } from './http/query-metrics.js';
import { buildServer } from './http/server.js';
import { MemoryControlChannel } from './memory/memory-control-channel.js';
import { MemoryNodeRegistry } from './memory/memory-node-registry.js';
import { MemoryResultStore } from './memory/memory-result-store.js';
import { MemoryStatusBus } from './memory/memory-status-bus.js';
import { LocalQueryRuntime, type RuntimePorts } from './runtime/local-query-runtime.js';
import type { QueryRuntime } from './runtime/query-runtime.js';
import { SystemClock } from './runtime/system-clock.js';
import { Authenticator } from './security/authenticator.js';
import { readUsersFile } from './security/users-file.js';
import { attachGateway } from './ws/gateway.js';
import { Catalog } from './storage/catalog.js';
import { generateLogs } from './storage/demo-logs.js';
import { loadDir, loadFile } from './storage/load-dir.js';

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
  /** Operational log lines (stderr by default in the CLI; silent in tests). */
  readonly log?: (line: string) => void;
}

export async function startQactor(config: QactorConfig, hooks: StartHooks = {}): Promise<RunningQactor> {
  const log = hooks.log ?? (() => undefined);
  const catalog = loadCatalog(config, log);
  const authenticator = createAuthenticator(config, log);

  const clock = new SystemClock();
  const { ports, closePorts } = await createPorts(config, clock, log);
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(catalog, { testFunctions: config.testFunctions }),
    ports,
    nodeId: config.nodeName,
    // A dead node's queries must be failed by the others within seconds, not after a 15 s TTL.
    ...(config.redisUrl === undefined ? {} : { heartbeatIntervalMs: 1_000, heartbeatTtlMs: 3_000 }),
    maxRunning: config.maxRunningQueries,
    maxQueued: config.maxQueuedQueries,
    ...(config.maxRunningPerUser === undefined ? {} : { maxRunningPerUser: config.maxRunningPerUser }),
    stopGraceMs: config.stopGraceMs,
    progressIntervalMs: config.progressIntervalMs,
    queryMemoryBytes: config.queryMemoryBytes,
    globalMemoryBytes: config.nodeMemoryBytes,
  });

  // HTTP and WebSocket get the counting wrapper, so /_metrics sees every query they start.
  const metrics = new QueryMetrics(runtime, {
    activeActors: () => runtime.liveCount,
    runningSlots: () => runtime.runningCount,
    queuedQueries: () => runtime.queuedCount,
  });
  const server = buildServer(metrics.runtime, {
    metrics,
    catalog,
    bodyLimitBytes: config.bodyLimitBytes,
    nodeName: config.nodeName,
    ...(authenticator === undefined ? {} : { authenticator }),
  });
  try {
    await server.listen({ host: config.host, port: config.port });
  } catch (err) {
    await runtime.close();
    await closePorts();
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
        await gateway.close();
        await server.close();
        await closePorts();
      })()),
  };
}

/** `--users FILE` turns security on; read before listening so a bad file stops the start. */
function createAuthenticator(config: QactorConfig, log: (line: string) => void): Authenticator | undefined {
  if (config.usersFile === undefined) return undefined;
  const users = readUsersFile(config.usersFile);
  log(`security on: ${Object.keys(users.users).length} users from ${config.usersFile}`);
  return new Authenticator(users);
}

/** In-memory adapters (embedded default) or, with a Redis URL, the cluster adapters. */
async function createPorts(
  config: QactorConfig,
  clock: SystemClock,
  log: (line: string) => void,
): Promise<{ ports: RuntimePorts; closePorts: () => Promise<void> }> {
  if (config.redisUrl === undefined) {
    const ports: RuntimePorts = {
      results: new MemoryResultStore(clock),
      status: new MemoryStatusBus(),
      control: new MemoryControlChannel(),
      nodes: new MemoryNodeRegistry(clock),
      clock,
    };
    return { ports, closePorts: () => Promise.resolve() };
  }
  // Loaded only in cluster mode: ioredis and the Redis adapters cost startup time and memory otherwise.
  const { createRedisPorts, redactUrl } = await import('./redis/create-redis-ports.js');
  let lastError = '';
  const redis = await createRedisPorts(config.redisUrl, {
    clock,
    // ioredis reports every failed reconnect attempt; one line per distinct problem is enough.
    onError: (err) => {
      if (err.message !== lastError) log(`redis: ${err.message}`);
      lastError = err.message;
    },
  });
  log(`cluster mode: node [${config.nodeName}] on Redis ${redactUrl(config.redisUrl)}`);
  const { results, status, control, nodes, directory } = redis;
  return { ports: { results, status, control, nodes, directory, clock }, closePorts: () => redis.close() };
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
