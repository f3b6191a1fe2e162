import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../../src/redis/create-redis-ports.js';
import { encodeAsyncId, randomBase64Uuid } from '../../src/runtime/async-id.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { writeNumbersCsv } from '../support/qactor-server.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { call, startQactorProcess, type HttpAnswer, type QactorProcess } from './qactor-process.js';

/**
 * Three qactor processes on one Redis behave as one service. DELAY sleeps per row, so over the
 * 100-row `numbers` index `DELAY(50ms)` runs for ~5 s and `DELAY(1s)` for minutes.
 */
const SLOW = 'FROM numbers | EVAL d = DELAY(50ms) | STATS c = COUNT(*)';
const ENDLESS = 'FROM numbers | EVAL d = DELAY(1s) | STATS c = COUNT(*)';
const SHORT = 'FROM numbers | LIMIT 30 | EVAL d = DELAY(100ms) | STATS c = COUNT(*)';
/** ~20 s: long enough to be checkpointed (every second) with rows counted, and killed mid-way. */
const CHECKPOINTED = 'FROM numbers | EVAL d = DELAY(200ms) | STATS c = COUNT(*)';

let redis: TestRedis;
let csv: string;
const nodes: QactorProcess[] = [];
let a: QactorProcess;
let b: QactorProcess;
let c: QactorProcess;

const start = async (name: string) => {
  const node = await startQactorProcess(name, ['--redis', redis.url, '--load', `numbers=${csv}`, '--test-functions']);
  nodes.push(node);
  return node;
};

beforeAll(async () => {
  // Its own Redis: one test restarts it.
  redis = await startTestRedis({ restartable: true });
  csv = writeNumbersCsv(100);
  [a, b, c] = await Promise.all([start('a'), start('b'), start('c')]);
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
  await redis?.stop();
});

const submit = async (node: QactorProcess, query: string, extra: Record<string, unknown> = {}) => {
  const answer = await call(node, 'POST', '/_query/async', {
    query,
    wait_for_completion_timeout: '1ms',
    keep_alive: '5m',
    ...extra,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.id as string;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls GET on `node` until the query is no longer running or `ms` runs out. */
async function getWhenFinished(node: QactorProcess, id: string, ms: number): Promise<HttpAnswer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await call(node, 'GET', `/_query/async/${id}`);
    if (answer.body.is_running !== true || Date.now() > deadline) return answer;
    await sleep(200);
  }
}

describe('three qactor nodes on one Redis', () => {
  it('submit on A, get on B, stop on C (partial), same body everywhere; delete on B, then 404 everywhere', async () => {
    const id = await submit(a, SLOW);
    const running = await call(b, 'GET', `/_query/async/${id}`);
    expect(running.status).toBe(200);
    expect(running.body).toMatchObject({ id, is_running: true });

    await sleep(500);
    const stopped = await call(c, 'POST', `/_query/async/${id}/stop`);
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({ id, is_running: false, is_partial: true, columns: [{ name: 'c', type: 'long' }] });
    const [[count]] = stopped.body.values as number[][];
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(100);
    for (const node of [a, b, c]) expect(await call(node, 'GET', `/_query/async/${id}`)).toEqual(stopped);
    // A stop of a finished query answers like GET, on any node.
    expect(await call(a, 'POST', `/_query/async/${id}/stop`)).toEqual(stopped);

    expect(await call(b, 'DELETE', `/_query/async/${id}`)).toEqual({ status: 200, body: { acknowledged: true } });
    const gone = await Promise.all([a, b, c].map((node) => call(node, 'GET', `/_query/async/${id}`)));
    expect(gone[0]).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found_exception', reason: id } } });
    expect(gone[1]).toEqual(gone[0]);
    expect(gone[2]).toEqual(gone[0]);
    expect(await call(c, 'DELETE', `/_query/async/${id}`)).toEqual(gone[0]);
    expect(await call(a, 'POST', `/_query/async/${id}/stop`)).toEqual(gone[0]);
  });

  it('DELETE of a query running on another node cancels it there', async () => {
    const id = await submit(c, ENDLESS);
    expect(await call(a, 'DELETE', `/_query/async/${id}`)).toEqual({ status: 200, body: { acknowledged: true } });
    for (const node of [a, b, c]) expect((await call(node, 'GET', `/_query/async/${id}`)).status).toBe(404);
  });

  it('answers errors and stored results identically on every node', async () => {
    const bad = await Promise.all([a, b, c].map((node) => call(node, 'POST', '/_query/async', { query: 'FROM numbers | WHERE' })));
    expect(bad[0].status).toBe(400);
    expect(bad[0].body).toMatchObject({ error: { type: 'parsing_exception' } });
    expect(bad[1]).toEqual(bad[0]);
    expect(bad[2]).toEqual(bad[0]);

    const malformed = await Promise.all([a, b, c].map((node) => call(node, 'GET', '/_query/async/not-an-id')));
    expect(malformed[0].status).toBe(400);
    expect(malformed[1]).toEqual(malformed[0]);
    expect(malformed[2]).toEqual(malformed[0]);

    const id = await submit(b, 'FROM numbers | STATS c = COUNT(*), s = SUM(n)', {
      wait_for_completion_timeout: '10s',
      keep_on_completion: true,
    });
    const stored = await Promise.all([a, b, c].map((node) => call(node, 'GET', `/_query/async/${id}`)));
    expect(stored[0]).toMatchObject({ status: 200, body: { is_running: false, is_partial: false, values: [[100, 5050]] } });
    expect(stored[1]).toEqual(stored[0]);
    expect(stored[2]).toEqual(stored[0]);

    // A well-formed id naming a node that never existed: unknown everywhere.
    const foreign = encodeAsyncId({ docId: randomBase64Uuid(), nodeId: 'ghost', taskNumber: 1 });
    const unknown = await Promise.all([a, b, c].map((node) => call(node, 'GET', `/_query/async/${foreign}`)));
    expect(unknown[0]).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found_exception', reason: foreign } } });
    expect(unknown[1]).toEqual(unknown[0]);
    expect(unknown[2]).toEqual(unknown[0]);
  });

  it('Redis restarted mid-query: no stored result is lost and every status subscriber reaches done', async () => {
    const kept = await submit(a, 'FROM numbers | STATS c = COUNT(*)', { wait_for_completion_timeout: '10s', keep_on_completion: true });
    const keptBody = await call(a, 'GET', `/_query/async/${kept}`);
    expect(keptBody.body).toMatchObject({ is_running: false, values: [[100]] });

    const id = await submit(b, SHORT);
    // A status subscriber outside the nodes, on the nodes' own keys (default prefix).
    const watcher: RedisPorts = await createRedisPorts(redis.url, { prefix: 'qactor', clock: new SystemClock() });
    try {
      const events: StatusEvent[] = [];
      await watcher.status.subscribe(id, (e) => events.push(e));
      // A GET on another node waiting through the restart.
      const waiting = call(c, 'GET', `/_query/async/${id}?wait_for_completion_timeout=25s`);

      await redis.restart(1_000);

      const finished = await getWhenFinished(a, id, 20_000);
      expect(finished, JSON.stringify(finished.body)).toMatchObject({
        status: 200,
        body: { is_running: false, is_partial: false, values: [[30]] },
      });
      expect(await waiting).toEqual(finished);
      for (const node of [b, c]) expect(await call(node, 'GET', `/_query/async/${id}`)).toEqual(finished);
      const deadline = Date.now() + 10_000;
      while (events.at(-1)?.state !== 'done' && Date.now() < deadline) await sleep(100);
      expect(events.at(-1)).toMatchObject({ id, state: 'done', outcome: 'completed', node: 'b' });

      for (const node of [a, b, c]) expect(await call(node, 'GET', `/_query/async/${kept}`)).toEqual(keptBody);
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('SIGKILL of the node running a query: the others finish it within 10 s with its checkpointed rows, naming the lost node', async () => {
    const d = await start(`d-${randomUUID().slice(0, 8)}`);
    const id = await submit(d, CHECKPOINTED);
    // The same query, but the client refuses partial results (ES's URL parameter).
    const strict = await call(d, 'POST', '/_query/async?allow_partial_results=false', {
      query: CHECKPOINTED,
      wait_for_completion_timeout: '1ms',
      keep_alive: '5m',
    });
    expect(strict.status, JSON.stringify(strict.body)).toBe(200);
    const strictId = strict.body.id as string;
    expect((await call(a, 'GET', `/_query/async/${id}`)).body).toMatchObject({ is_running: true });

    // d checkpoints every second: wait (bounded) until a checkpoint has counted some rows.
    const reader: RedisPorts = await createRedisPorts(redis.url, { prefix: 'qactor', clock: new SystemClock() });
    let checkpointed = 0;
    try {
      const deadline = Date.now() + 15_000;
      while (checkpointed < 1 && Date.now() < deadline) {
        await sleep(200);
        checkpointed = Number((await reader.directory.getCheckpoint(id))?.result.values[0]?.[0] ?? 0);
      }
      // A query that may not answer partial is never checkpointed.
      expect(await reader.directory.getCheckpoint(strictId)).toBeUndefined();
    } finally {
      await reader.close();
    }
    expect(checkpointed).toBeGreaterThanOrEqual(1);

    await d.kill('SIGKILL');
    // Polled for 10 s at most: still running after that fails the status check below.
    const finished = await getWhenFinished(a, id, 10_000);
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
    expect(finished.body).toMatchObject({ id, is_running: false, is_partial: true, columns: [{ name: 'c', type: 'long' }] });
    const [[count]] = finished.body.values as number[][];
    expect(count).toBeGreaterThanOrEqual(checkpointed);
    expect(count).toBeLessThan(100);
    expect(await call(b, 'GET', `/_query/async/${id}`)).toEqual(finished);
    expect(await call(c, 'GET', `/_query/async/${id}`)).toEqual(finished);
    // The failure stays visible: a Warning header names the lost node.
    const res = await fetch(`${c.url}/_query/async/${id}`);
    expect(res.headers.get('warning')).toContain(`node [${d.name}] left the cluster before the query finished`);
    // allow_partial_results=false: its checkpoint is not an answer; the lost node fails it.
    const failed = await getWhenFinished(b, strictId, 10_000);
    expect(failed.status, JSON.stringify(failed.body)).toBe(500);
    expect(failed.body).toMatchObject({
      error: { type: 'status_exception', reason: `node [${d.name}] left the cluster before the query finished` },
    });
  }, 60_000);
});
