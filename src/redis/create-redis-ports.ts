import { Redis } from 'ioredis';
import type { Clock, ControlChannel, NodeRegistry, ResultStore, RunningQueryDirectory, StatusBus } from '../runtime/ports.js';
import type { ApiKeyStore } from '../security/api-key-store.js';
import { RedisKeys } from './keys.js';
import { RedisApiKeyStore } from './redis-api-key-store.js';
import { RedisControlChannel } from './redis-control-channel.js';
import { RedisNodeRegistry } from './redis-node-registry.js';
import { RedisResultStore } from './redis-result-store.js';
import { RedisRunningQueryDirectory } from './redis-running-query-directory.js';
import { RedisStatusBus } from './redis-status-bus.js';
import { RedisSubscriber } from './redis-subscriber.js';

export interface RedisPortsOptions {
  /** Every key and channel starts with `${prefix}:`. Default `qactor`. */
  readonly prefix?: string;
  readonly clock: Clock;
  /** Connection problems (Redis down, reconnecting); ioredis retries on its own. */
  readonly onError?: (err: Error) => void;
  /** The command connection is back after a loss (the subscriber resyncs on its own). */
  readonly onReconnected?: () => void;
  /** Told the lag of every status event delivered to this node (seconds), for the metrics. */
  readonly onStatusLag?: (seconds: number) => void;
  /** How long a command waits through reconnects before failing. Default 20 s. */
  readonly commandTimeoutMs?: number;
}

export interface RedisPorts {
  readonly results: ResultStore;
  readonly status: StatusBus;
  readonly control: ControlChannel;
  readonly nodes: NodeRegistry;
  readonly directory: RunningQueryDirectory;
  /** API keys shared by every node (the Authenticator's store in cluster mode). */
  readonly apiKeys: ApiKeyStore;
  readonly keys: RedisKeys;
  /** Closes both connections (best effort if Redis is unreachable). */
  close(): Promise<void>;
}

const RETRY_CAP_MS = 500;

/**
 * Connects to Redis (rejects if it cannot, so a node with a wrong URL fails at start) and builds the
 * cluster adapters of the runtime ports on two connections: one for commands, one duplicated for
 * subscriptions.
 */
export async function createRedisPorts(url: string, options: RedisPortsOptions): Promise<RedisPorts> {
  const keys = new RedisKeys(options.prefix ?? 'qactor');
  const onError = options.onError ?? (() => undefined);
  // Reconnect quickly (a restarted Redis is back within a second or two); commands issued meanwhile wait
  // in the offline queue for up to about commandTimeoutMs, then fail instead of hanging a request.
  const retries = Math.max(1, Math.ceil((options.commandTimeoutMs ?? 20_000) / RETRY_CAP_MS));
  const commands = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: retries,
    retryStrategy: (times) => Math.min(times * 50, RETRY_CAP_MS),
  });
  commands.on('error', onError);
  try {
    await commands.connect();
    // Registered once connected: every later 'ready' is a reconnect.
    commands.on('ready', () => options.onReconnected?.());
  } catch (err) {
    commands.disconnect();
    throw new Error(`cannot connect to Redis at [${redactUrl(url)}]: ${err instanceof Error ? err.message : String(err)}`);
  }
  // RedisSubscriber resubscribes itself after a reconnect, then resyncs: ioredis must not do it first.
  const subscriberConnection = commands.duplicate({ autoResubscribe: false, lazyConnect: true });
  subscriberConnection.on('error', onError);
  const subscriber = new RedisSubscriber(subscriberConnection);
  try {
    await subscriberConnection.connect();
  } catch (err) {
    subscriberConnection.disconnect();
    commands.disconnect();
    throw err;
  }

  let closed: Promise<void> | undefined;
  return {
    results: new RedisResultStore(commands, keys, options.clock),
    status: new RedisStatusBus(commands, subscriber, keys, undefined, options.onStatusLag),
    control: new RedisControlChannel(commands, subscriber, keys),
    nodes: new RedisNodeRegistry(commands, keys, options.clock),
    directory: new RedisRunningQueryDirectory(commands, keys, options.clock),
    apiKeys: new RedisApiKeyStore(commands, keys, () => options.clock.now()),
    keys,
    close: () => (closed ??= Promise.all([quit(subscriberConnection), quit(commands)]).then(() => undefined)),
  };
}

/** QUIT lets pending replies arrive; if Redis does not answer soon, drop the connection. */
async function quit(connection: Redis): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)));
  await Promise.race([connection.quit().catch(() => undefined), timeout]);
  clearTimeout(timer);
  connection.disconnect();
}

/** Keeps a password in the URL out of logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
