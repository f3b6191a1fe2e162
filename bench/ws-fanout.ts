/**
 * WebSocket fan-out benchmark (issue 5): status latency from transition to client (p50/p99) with
 * 1,000 connected ws clients on one node, and fan-out throughput (status frames delivered per second).
 *
 * Standalone: `npm run build && node dist/bench/ws-fanout.js [--clients N]`. Everything runs in this
 * process on 127.0.0.1: one node (runtime + HTTP server + gateway, default gateway settings) and the
 * clients, so server and clients share one clock (and one CPU: the figures include the clients' cost).
 *
 * - Transition time: an observer `watch`es each query on the runtime before any client subscribes;
 *   its listener runs on the bus delivery, before the gateway's, and records `performance.now()` per
 *   (id, seq). A client's latency for a frame is its receive time minus that. The first frame of each
 *   subscription (the current state, replayed) is not a transition and is not counted.
 * - steady: 20 slow queries run at once (DELAY per row), progress published every 100 ms, each query
 *   watched by 1/20 of the clients.
 * - burst: one blocker holds the only running slot while 20 short queries queue behind it, each
 *   watched by every client; then the blocker is stopped and the 20 run back to back, so every
 *   transition fans out to all clients at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Block } from '../src/compute/block.js';
import { EsqlEngine } from '../src/esql/engine.js';
import { MemoryControlChannel } from '../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../src/memory/memory-result-store.js';
import { MemoryStatusBus } from '../src/memory/memory-status-bus.js';
import { LocalQueryRuntime } from '../src/runtime/local-query-runtime.js';
import { SystemClock } from '../src/runtime/system-clock.js';
import { Catalog } from '../src/storage/catalog.js';
import { attachGateway } from '../src/ws/gateway.js';

const QUERIES = 20;
const TICK_ROWS = 2_000;
const TICK_PAGE = 20;

interface Figures {
  readonly scenario: string;
  readonly clients: number;
  readonly subscriptions: number;
  readonly transitions: number;
  readonly delivered: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
}

function catalog(): Catalog {
  const segments = [];
  for (let from = 0; from < TICK_ROWS; from += TICK_PAGE) {
    const values = new Float64Array(TICK_PAGE);
    for (let i = 0; i < TICK_PAGE; i++) values[i] = from + i;
    const block: Block = { type: 'long', positionCount: TICK_PAGE, values };
    segments.push({ positionCount: TICK_PAGE, blocks: [block] });
  }
  const c = new Catalog();
  c.put({ name: 'ticks', columns: [{ name: 'n', type: 'long' }], rowCount: TICK_ROWS, segments });
  return c;
}

async function startNode(maxRunning: number) {
  const clock = new SystemClock();
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(catalog(), { testFunctions: true }),
    ports: {
      results: new MemoryResultStore(clock),
      status: new MemoryStatusBus(),
      control: new MemoryControlChannel(),
      nodes: new MemoryNodeRegistry(clock),
      clock,
    },
    nodeId: 'bench',
    maxRunning,
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const gateway = attachGateway(server, runtime);
  const { port } = server.address() as AddressInfo;
  return {
    runtime,
    url: `ws://127.0.0.1:${port}/_query/ws`,
    close: async () => {
      await runtime.close();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Transition times by `id:seq`, plus the latency samples and delivery counts of the clients. */
class Recorder {
  readonly transitions = new Map<string, number>();
  readonly latencies: number[] = [];
  delivered = 0;
  firstTransition = Infinity;
  lastDelivery = 0;
  done = 0;

  observe(runtime: LocalQueryRuntime, id: string): Promise<() => void> {
    return runtime.watch(id, (e) => {
      const now = performance.now();
      this.transitions.set(`${id}:${e.seq}`, now);
    });
  }

  /** Wires one client: counts live status frames and their latency. */
  attach(ws: WebSocket): void {
    const seen = new Set<string>();
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      const f = JSON.parse(data.toString('utf8')) as { type: string; id: string; seq: number; state: string };
      if (f.type !== 'status') return;
      if (f.state === 'done') this.done++;
      // The first frame of a subscription replays the current state: not a transition.
      if (!seen.has(f.id)) {
        seen.add(f.id);
        return;
      }
      const at = this.transitions.get(`${f.id}:${f.seq}`);
      if (at === undefined) return;
      this.delivered++;
      this.latencies.push(now - at);
      this.firstTransition = Math.min(this.firstTransition, at);
      this.lastDelivery = Math.max(this.lastDelivery, now);
    });
  }
}

async function connect(url: string, n: number): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  // Batches: a thousand simultaneous handshakes would only measure the accept queue.
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, () => openSocket(url));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Subscribes each socket to its ids and waits for every subscription's first (replayed) frame. */
async function subscribe(sockets: readonly WebSocket[], idsOf: (i: number) => readonly string[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise<void>((resolve) => {
          const waiting = new Set(idsOf(i));
          const onMessage = (data: Buffer) => {
            const f = JSON.parse(data.toString('utf8')) as { type: string; id?: string };
            if ((f.type === 'status' || f.type === 'error') && f.id !== undefined && waiting.delete(f.id) && waiting.size === 0) {
              ws.off('message', onMessage);
              resolve();
            }
          };
          ws.on('message', onMessage);
          for (const id of waiting) ws.send(JSON.stringify({ type: 'subscribe', id, result: false }));
        }),
    ),
  );
}

async function until(cond: () => boolean, maxMs: number): Promise<boolean> {
  const end = performance.now() + maxMs;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

async function submit(runtime: LocalQueryRuntime, query: string): Promise<string> {
  const view = await runtime.submit({ query, waitForCompletionMs: 0, keepAliveMs: 600_000, keepOnCompletion: true });
  return view.id as string;
}

function figures(scenario: string, clients: number, subscriptions: number, r: Recorder): Figures {
  const sorted = Float64Array.from(r.latencies).sort();
  const pct = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  const seconds = (r.lastDelivery - r.firstTransition) / 1000;
  return {
    scenario,
    clients,
    subscriptions,
    transitions: r.transitions.size,
    delivered: r.delivered,
    p50: pct(50),
    p99: pct(99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
    perSecond: seconds > 0 ? r.delivered / seconds : NaN,
  };
}

/** 20 slow queries running together; each client watches one of them. */
async function steady(clients: number): Promise<Figures> {
  const node = await startNode(QUERIES);
  const sockets = await connect(node.url, clients);
  const r = new Recorder();
  try {
    const ids: string[] = [];
    for (let q = 0; q < QUERIES; q++) {
      const id = await submit(node.runtime, 'FROM ticks | EVAL d = DELAY(1ms) | STATS c = COUNT(*)');
      await r.observe(node.runtime, id);
      ids.push(id);
    }
    for (const ws of sockets) r.attach(ws);
    await subscribe(sockets, (i) => [ids[i % QUERIES]]);
    await until(() => r.done >= clients, 60_000);
    return figures('steady: 20 running queries, progress every 100 ms', clients, clients, r);
  } finally {
    for (const ws of sockets) ws.terminate();
    await node.close();
  }
}

/** One slot: 20 short queries queue behind a blocker, watched by every client, then run back to back. */
async function burst(clients: number): Promise<Figures> {
  const node = await startNode(1);
  const sockets = await connect(node.url, clients);
  const r = new Recorder();
  try {
    const blocker = await submit(node.runtime, 'FROM ticks | EVAL d = DELAY(5ms) | STATS c = COUNT(*)');
    const ids: string[] = [];
    for (let q = 0; q < QUERIES; q++) {
      const id = await submit(node.runtime, 'FROM ticks | STATS c = COUNT(*), s = SUM(n)');
      await r.observe(node.runtime, id);
      ids.push(id);
    }
    for (const ws of sockets) r.attach(ws);
    await subscribe(sockets, () => ids);
    await node.runtime.stop(blocker);
    await until(() => r.done >= clients * QUERIES, 60_000);
    return figures('burst: 20 queued queries run back to back, every client watches all', clients, clients * QUERIES, r);
  } finally {
    for (const ws of sockets) ws.terminate();
    await node.close();
  }
}

function table(rows: readonly Figures[]): string {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
  const lines = [
    '| scenario | clients | subscriptions | transitions | frames delivered | p50 ms | p99 ms | max ms | delivered/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of rows) {
    lines.push(
      `| ${f.scenario} | ${f.clients} | ${f.subscriptions} | ${f.transitions} | ${f.delivered} | ${ms(f.p50)} | ${ms(f.p99)} | ` +
        `${ms(f.max)} | ${Number.isFinite(f.perSecond) ? Math.round(f.perSecond) : 'n/a'} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--clients');
  const clients = arg >= 0 ? Number(process.argv[arg + 1]) : 1_000;
  if (!Number.isInteger(clients) || clients <= 0) throw new Error('--clients must be a positive integer');
  const rows = [await steady(clients), await burst(clients)];
  console.log(`## WebSocket fan-out (${clients} clients, one node, 127.0.0.1, Node ${process.version})\n`);
  console.log(table(rows));
  console.log('\nLatency: status transition on the node (bus delivery) to the frame parsed by the client, same process.');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
