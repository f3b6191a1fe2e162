import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

/**
 * A real Redis for tests (never a mock), from the first source available:
 * 1. `REDIS_URL` (not restartable, so skipped when `restartable` is asked),
 * 2. testcontainers (`redis:7`) when a Docker-compatible engine is reachable,
 * 3. a `redis-server` binary on a free port of 127.0.0.1.
 * The machine's shared Redis on 6379 is never used unless REDIS_URL names it. Logs which one it used.
 */
export interface TestRedis {
  readonly url: string;
  readonly kind: 'env' | 'container' | 'binary';
  /**
   * Stops Redis, keeps it down for `downMs`, starts it again on the same port with the data it had
   * (saved on shutdown, like a planned restart). Resolves once it answers PING.
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestRedis(options: { restartable?: boolean } = {}): Promise<TestRedis> {
  const env = process.env.REDIS_URL;
  let redis: TestRedis;
  if (env !== undefined && env !== '' && options.restartable !== true) redis = fromEnv(env);
  else if (containerEngineReachable()) redis = await startContainer();
  else redis = await startBinary();
  console.info(`[test redis] using ${redis.kind}: ${redis.url}`);
  return { ...redis, restart: (downMs) => checkedRestart(redis, downMs) };
}

/** A restart that silently did nothing would let fault tests pass vacuously: the server's run_id must change. */
async function checkedRestart(redis: TestRedis, downMs?: number): Promise<void> {
  const before = await runId(redis.url);
  await redis.restart(downMs);
  const after = await runId(redis.url);
  if (after === before) throw new Error(`Redis at ${redis.url} was not restarted (run_id ${before} unchanged)`);
}

async function runId(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    return /run_id:(\w+)/.exec(info)?.[1] ?? '';
  } finally {
    client.disconnect();
  }
}

function containerEngineReachable(): boolean {
  return (process.env.DOCKER_HOST ?? '') !== '' || existsSync('/var/run/docker.sock');
}

function fromEnv(url: string): TestRedis {
  return {
    url,
    kind: 'env',
    restart: () => Promise.reject(new Error('a Redis given by REDIS_URL cannot be restarted by a test')),
    stop: () => Promise.resolve(),
  };
}

async function startContainer(): Promise<TestRedis> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const { getContainerRuntimeClient } = await import('testcontainers');
  const port = await freePort();
  // A fixed host port so that a restarted container is reachable at the same URL.
  const container = await withEngineRetries(() =>
    new RedisContainer('redis:7').withExposedPorts({ container: 6379, host: port }).start(),
  );
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    kind: 'container',
    restart: async (downMs = 0) => {
      // SHUTDOWN SAVE ends the container's main process with its data in /data; once the engine
      // reports the container exited, starting it again reloads that data on the same host port.
      // (testcontainers' restart() right after the process exits sometimes hangs on Podman.)
      const client = await getContainerRuntimeClient();
      const handle = client.container.getById(container.getId());
      await container.exec(['redis-cli', 'shutdown', 'save']).catch(() => undefined);
      const deadline = Date.now() + 20_000;
      while ((await client.container.inspect(handle)).State.Running) {
        if (Date.now() > deadline) throw new Error('the Redis container did not stop after SHUTDOWN');
        await sleep(100);
      }
      await sleep(downMs);
      await client.container.start(handle);
      await waitForPing(url);
    },
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * testcontainers gives up ("Could not find a working container runtime strategy") when the engine's
 * API does not answer its ping in time, which happens on a loaded 2-core machine while other test
 * files start containers. The engine is there (DOCKER_HOST is set): ask again rather than fail.
 */
async function withEngineRetries<T>(start: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      const transient = err instanceof Error && /working container runtime strategy/.test(err.message);
      if (!transient || attempt >= attempts) throw err;
      console.warn(`[test redis] container engine did not answer (attempt ${attempt}/${attempts}); retrying`);
      await sleep(1000 * attempt);
    }
  }
}

async function startBinary(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'qactor-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  let child: ChildProcess | undefined;
  const launch = async () => {
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (err) => reject(new Error(`cannot start redis-server: ${err.message}`)));
      proc.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
    });
    failed.catch(() => undefined);
    child = proc;
    await Promise.race([waitForPing(url), failed]);
  };
  const shutdown = async (save: boolean) => {
    const proc = child;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      await client.call('SHUTDOWN', save ? 'SAVE' : 'NOSAVE');
    } catch {
      // The connection closes as the server exits.
    } finally {
      client.disconnect();
    }
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url,
    kind: 'binary',
    restart: async (downMs = 0) => {
      await shutdown(true);
      await sleep(downMs);
      await launch();
    },
    stop: async () => {
      await shutdown(false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // A starting Redis answers LOADING until its dataset is read.
      if ((await client.ping()) === 'PONG') return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Redis at ${url} not ready after ${timeoutMs} ms: ${String(err)}`);
    } finally {
      client.disconnect();
    }
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
