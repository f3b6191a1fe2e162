import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startQactorProcess, type QactorProcess } from '../cluster/qactor-process.js';

/**
 * `qactor serve --workers 2`, a real process built from dist/, answers over HTTP exactly like a node
 * without workers: sync queries, and an async query stopped half way (partial aggregates) or deleted.
 */
const ARGS = ['--demo', '--demo-rows', '150000', '--test-functions'];
let split: QactorProcess;
let single: QactorProcess;

beforeAll(async () => {
  [split, single] = await Promise.all([
    startQactorProcess('split', [...ARGS, '--workers', '2']),
    startQactorProcess('single', ARGS),
  ]);
});

afterAll(async () => {
  await Promise.all([split?.kill('SIGTERM'), single?.kill('SIGTERM')]);
});

describe('qactor serve --workers 2 over HTTP', () => {
  it('says it splits queries across its worker threads', () => {
    expect(split.stdout()).toContain('splitting queries across 2 worker threads');
    expect(single.stdout()).not.toContain('worker threads');
  });

  it.each([
    'FROM logs | WHERE status == 500 | STATS c = COUNT(*)',
    'FROM logs | STATS c = COUNT(*) BY status, message | SORT c DESC, status, message',
    'FROM logs | STATS total = SUM(bytes), n = COUNT(*) BY host | SORT total DESC | LIMIT 10',
    'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC, @timestamp | LIMIT 100',
    'FROM logs | WHERE status == 404 | KEEP host | LIMIT 3',
  ])('POST /_query %s answers as a node without workers', async (query) => {
    const [got, want] = await Promise.all([call(split, 'POST', '/_query', { query }), call(single, 'POST', '/_query', { query })]);
    expect(got.status).toBe(200);
    expect(got.body.columns).toEqual(want.body.columns);
    expect(got.body.values).toEqual(want.body.values);
    expect(got.body.is_partial).toBe(false);
  });

  it('reports a query error as a node without workers does', async () => {
    const query = 'FROM logs | STATS c = COUNT(*) BY nope';
    const [got, want] = await Promise.all([call(split, 'POST', '/_query', { query }), call(single, 'POST', '/_query', { query })]);
    expect(got.status).toBe(400);
    expect(got.body).toEqual(want.body);
  });

  it('an async query stopped half way answers with partial aggregates', async () => {
    const submitted = await call(split, 'POST', '/_query/async', {
      query: 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*) BY status | SORT status',
      wait_for_completion_timeout: '300ms',
    });
    expect(submitted.body).toMatchObject({ is_running: true });
    const id = encodeURIComponent(submitted.body.id as string);
    const stopped = await call(split, 'POST', `/_query/async/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      is_running: false,
      is_partial: true,
      columns: [
        { name: 'c', type: 'long' },
        { name: 'status', type: 'integer' },
      ],
    });
    const counted = (stopped.body.values as number[][]).reduce((n, [c]) => n + c, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(150_000);
  });

  it('a deleted async query is gone and the node keeps answering', async () => {
    const submitted = await call(split, 'POST', '/_query/async', {
      query: 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*)',
      wait_for_completion_timeout: '100ms',
    });
    expect(submitted.body).toMatchObject({ is_running: true });
    const id = encodeURIComponent(submitted.body.id as string);
    expect((await call(split, 'DELETE', `/_query/async/${id}`)).status).toBe(200);
    expect((await call(split, 'GET', `/_query/async/${id}`)).status).toBe(404);
    const after = await call(split, 'POST', '/_query', { query: 'FROM logs | STATS c = COUNT(*)' });
    expect(after.body.values).toEqual([[150_000]]);
  });
});
