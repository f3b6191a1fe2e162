/**
 * Cluster latency over 3 local qactor processes on one Redis (`npm run build` first, then
 * `node dist/bench/cluster-latency.js`): cross-node stop-to-response (submit on A, stop on C) and
 * status-event latency (publish on one Redis connection pair, delivery on another's subscriber).
 * Uses REDIS_URL if set, else starts `redis-server` on a free port. Env: CLUSTER_BENCH_REPS (default 50).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRedisPorts } from '../src/redis/create-redis-ports.js';
import type { StatusEvent } from '../src/runtime/query-runtime.js';
import { SystemClock } from '../src/runtime/system-clock.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const REPS = Number(process.env.CLUSTER_BENCH_REPS ?? 50);
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qactor-cluster-bench-'));
  try {
    const redisUrl = process.env.REDIS_URL || (await startRedis(dir));
    const csv = join(dir, 'numbers.csv');
    writeFileSync(csv, ['n:integer', ...Array.from({ length: 100 }, (_, i) => String(i + 1))].join('\n') + '\n');
    const [a, , c] = await Promise.all(['a', 'b', 'c'].map((name) => startNode(name, redisUrl, csv)));
    const stop = await measureStop(a, c);
    const status = await measureStatus(redisUrl);
    console.log('| measure (3 local nodes, one Redis) | n | p50 ms | p99 ms |');
    console.log('|---|---|---|---|');
    console.log(row('stop on C of a query running on A, to response', stop));
    console.log(row('status event, publish to delivery on another connection', status));
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureStop(a: string, c: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const submitted = await json(a, 'POST', '/_query/async', {
      query: 'FROM numbers | EVAL d = DELAY(1s) | STATS c = COUNT(*)',
      wait_for_completion_timeout: '1ms',
      keep_alive: '1m',
    });
    const id = submitted.id as string;
    await sleep(20);
    const t0 = performance.now();
    const stopped = await json(c, 'POST', `/_query/async/${id}/stop`);
    samples.push(performance.now() - t0);
    if (stopped.is_partial !== true) throw new Error(`stop did not return a partial result: ${JSON.stringify(stopped)}`);
    await json(a, 'DELETE', `/_query/async/${id}`);
  }
  return samples;
}

async function measureStatus(url: string): Promise<number[]> {
  const clock = new SystemClock();
  const publisher = await createRedisPorts(url, { prefix: 'bench-status', clock });
  const subscriber = await createRedisPorts(url, { prefix: 'bench-status', clock });
  const samples: number[] = [];
  try {
    for (let i = 0; i < REPS * 10; i++) {
      const id = `q${i}`;
      let resolve!: () => void;
      const delivered = new Promise<void>((r) => (resolve = r));
      const unsubscribe = await subscriber.status.subscribe(id, () => resolve());
      const event: StatusEvent = {
        id,
        seq: 1,
        state: 'done',
        outcome: 'completed',
        progress: { rows_processed: 0, rows_total: null, pages: 0, elapsed_ms: 0 },
        node: 'a',
      };
      const t0 = performance.now();
      await publisher.status.publish(event);
      await delivered;
      samples.push(performance.now() - t0);
      unsubscribe();
    }
  } finally {
    await publisher.close();
    await subscriber.close();
  }
  return samples;
}

function row(name: string, samples: number[]): string {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `| ${name} | ${samples.length} | ${at(0.5)} | ${at(0.99)} |`;
}

async function json(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function startNode(name: string, redisUrl: string, csv: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--node-name', name, '--redis', redisUrl, '--load', `numbers=${csv}`, '--test-functions'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${name} did not start`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`node ${name} exited with ${code}`)));
  });
}

async function startRedis(dir: string): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  children.push(child);
  await sleep(300);
  return `redis://127.0.0.1:${port}`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
