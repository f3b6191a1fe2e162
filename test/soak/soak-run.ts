import type { RunningQactor } from '../../src/main.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { KeepAliveClient } from './keep-alive-client.js';
import { checkFinished } from './soak-check.js';
import { runHttpQuery } from './soak-http.js';
import { runWsConnection } from './soak-ws.js';
import { isGone, planSoak } from './soak-plan.js';
import { SeededRandom } from './seeded-random.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const HTTP_SOCKETS = 100;
const WS_CONNECTIONS = 16;
const CUT_CONNECTIONS = 4;

export interface SoakOutcome {
  /** Queries per channel (`http`, `ws`) and per action, and `submitted` (those that got an id). */
  readonly counts: Readonly<Record<string, number>>;
  readonly problems: string[];
  /** WebSocket queries still running when their connection was cut, plus HTTP GETs cut mid-wait. */
  readonly disconnected: number;
  /** Queries answering GET with a stored, finished result at the end (ids to delete afterwards). */
  readonly readable: string[];
  readonly partial: number;
}

export function localRuntime(node: RunningQactor): LocalQueryRuntime {
  if (!(node.runtime instanceof LocalQueryRuntime)) throw new Error('the soak needs an embedded (local) node');
  return node.runtime;
}

/** Runs `items` through `width` concurrent workers. */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/**
 * Waits (polling) for a state the node must reach by itself. The bound only turns a hang into a
 * readable failure; it is far above what the soak needs.
 */
async function until(condition: () => boolean, describe: () => string, limitMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`soak: gave up waiting: ${describe()}`);
    await sleep(25);
  }
}

/**
 * Submits `count` queries at once over HTTP (keep-alive, HTTP_SOCKETS sockets) and WebSocket, acts on
 * them as planned from `seed`, waits for the node to go idle and for the 1 s keep_alives to pass, then
 * reads every query back.
 */
export async function runSoak(node: RunningQactor, seed: number, count: number): Promise<SoakOutcome> {
  const plan = planSoak(new SeededRandom(seed), count, {
    wsShare: 0.3,
    wsConnections: WS_CONNECTIONS,
    disconnectingConnections: CUT_CONNECTIONS,
  });
  const problems: string[] = [];
  const http = new KeepAliveClient(node.url, HTTP_SOCKETS);
  try {
    const viaHttp = plan.filter((q) => q.channel === 'http');
    const connections = Array.from({ length: WS_CONNECTIONS }, (_, c) => plan.filter((q) => q.channel === 'ws' && q.connection === c));
    const [, cutRunning] = await Promise.all([
      pool(viaHttp, HTTP_SOCKETS, (q) => runHttpQuery(http, q, problems)),
      Promise.all(connections.map((qs, c) => runWsConnection(node.url, qs, c < CUT_CONNECTIONS, problems))),
    ]);
    const disconnected = cutRunning.reduce((a, b) => a + b, 0) + viaHttp.filter((q) => q.action === 'disconnect').length;

    const runtime = localRuntime(node);
    await until(
      () => runtime.liveCount === 0,
      () => `${runtime.liveCount} live actors (${runtime.runningCount} running, ${runtime.queuedCount} queued)`,
    );
    // A stored result expires keep_alive after its completion (ES: completion time + keep_alive), and
    // every query has completed once the node is idle: 1 s later all `expire` queries must be gone.
    const expiresBy = Date.now() + 1_000;
    await until(
      () => Date.now() > expiresBy + 50,
      () => 'the clock',
    );

    const readable: string[] = [];
    let partial = 0;
    await pool(plan, HTTP_SOCKETS, async (q) => {
      if (q.id === undefined) return;
      const got = await http.send('GET', `/_query/async/${encodeURIComponent(q.id)}`);
      if (isGone(q)) {
        if (got.status !== 404) problems.push(`#${q.index} (${q.channel} ${q.action}) GET answers ${got.status}, not 404`);
        return;
      }
      if (got.status !== 200) {
        problems.push(`#${q.index} (${q.channel} ${q.action}) GET answers ${got.status} ${JSON.stringify(got.body)}`);
        return;
      }
      checkFinished(q, got.body, problems, 'final GET');
      readable.push(q.id);
      if (got.body?.is_partial === true) partial++;
    });
    // Counts, not the plan: the plan is dropped here so the heap measured afterwards holds only the node.
    const counts: Record<string, number> = { submitted: plan.filter((q) => q.id !== undefined).length };
    for (const q of plan) {
      counts[q.channel] = (counts[q.channel] ?? 0) + 1;
      counts[q.action] = (counts[q.action] ?? 0) + 1;
    }
    return { counts, problems, disconnected, readable, partial };
  } finally {
    http.close();
  }
}

/** Deletes the stored results, so what remains on the heap afterwards is what the soak leaked. */
export async function deleteAll(node: RunningQactor, ids: readonly string[]): Promise<number> {
  const http = new KeepAliveClient(node.url, HTTP_SOCKETS);
  let failed = 0;
  try {
    await pool(ids, HTTP_SOCKETS, async (id) => {
      const res = await http.send('DELETE', `/_query/async/${encodeURIComponent(id)}`);
      if (res.status !== 200) failed++;
    });
  } finally {
    http.close();
  }
  return failed;
}
