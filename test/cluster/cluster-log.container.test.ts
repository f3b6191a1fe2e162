import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNumbersCsv } from '../support/qactor-server.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { call, startQactorProcess, type QactorProcess } from './qactor-process.js';

/**
 * The JSON log and the bus lag metric of `qactor serve --redis`: status events travel through Redis,
 * a node that finishes a lost node's query says so under that query's id, and losing Redis is logged.
 */

let redis: TestRedis;
const nodes: QactorProcess[] = [];

const start = async (name: string, csv: string) => {
  const node = await startQactorProcess(name, ['--redis', redis.url, '--load', `numbers=${csv}`, '--test-functions']);
  nodes.push(node);
  return node;
};

const logLines = (node: QactorProcess) =>
  node
    .stdout()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function submit(node: QactorProcess, query: string): Promise<string> {
  const answer = await call(node, 'POST', '/_query/async', { query, wait_for_completion_timeout: '0s' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.id as string;
}

beforeAll(async () => {
  // Its own Redis: the last test restarts it.
  redis = await startTestRedis({ restartable: true });
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
  await redis?.stop();
});

describe('qactor serve --redis: log and metrics', () => {
  it('counts deliveries through Redis in qactor_status_bus_lag_seconds and logs the query under its id', async () => {
    const a = await start('log-a', writeNumbersCsv(100));
    const id = await submit(a, 'FROM numbers | EVAL d = DELAY(5ms) | STATS c = COUNT(*)');
    await expect.poll(() => logLines(a).some((l) => l.query_id === id && l.message === 'query done'), { timeout: 20_000 }).toBe(true);
    expect(logLines(a).filter((l) => l.query_id === id).map((l) => l.message)).toEqual(['query submitted', 'query running', 'query done']);
    const text = await (await fetch(`${a.url}/_metrics`)).text();
    expect(Number(/^qactor_status_bus_lag_seconds_count (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^qactor_status_bus_lag_seconds_bucket\{le="\+Inf"\} [1-9]/m);
  });

  it('the node that finishes a killed node\'s query logs it as an orphan, naming the lost node', async () => {
    const csv = writeNumbersCsv(100);
    const [survivor, doomed] = await Promise.all([start('log-b', csv), start('log-c', csv)]);
    const id = await submit(doomed, 'FROM numbers | EVAL d = DELAY(1s) | STATS c = COUNT(*)');
    await expect.poll(() => logLines(doomed).some((l) => l.query_id === id && l.message === 'query running'), { timeout: 20_000 }).toBe(true);
    await doomed.kill('SIGKILL');
    // Once the lost node's heartbeat runs out (3 s), the next GET finishes the query (failed: no checkpointed rows).
    await expect
      .poll(async () => (await call(survivor, 'GET', `/_query/async/${id}`)).body.is_running === true, { timeout: 20_000, interval: 500 })
      .toBe(false);
    await expect.poll(() => logLines(survivor).find((l) => l.message === 'orphan query finished'), { timeout: 5_000 }).toMatchObject({
      level: 'warn',
      node: 'log-b',
      query_id: id,
      'orphan.node': 'log-c',
    });
  }, 60_000);

  it('logs losing Redis at warn and getting it back', async () => {
    const node = await start('log-d', writeNumbersCsv(10));
    await redis.restart(1_000);
    await expect.poll(() => logLines(node).map((l) => [l.level, l.message]), { timeout: 20_000 }).toContainEqual(['info', 'redis connection restored']);
    const lines = logLines(node).map((l) => [l.level, l.message]);
    const lost = lines.findIndex(([, m]) => m === 'redis connection problem');
    expect(lost).toBeGreaterThan(-1);
    expect(lines[lost][0]).toBe('warn');
    expect(lines.findIndex(([, m]) => m === 'redis connection restored')).toBeGreaterThan(lost);
  }, 60_000);
});
