import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';

/**
 * The foundation issue's own example: with `--test-functions`, DELAY waits once per row without
 * blocking the event loop, so a STATS over 100 employees at 20 ms a row runs about 2 s; stopping it
 * after about 300 ms returns the rows whose DELAY completed (a count strictly between 0 and 100).
 */
describe('DELAY and stop over HTTP', () => {
  let node: RunningQactor;
  beforeAll(async () => {
    node = await startTestServer({ loadDirs: ['../shared/esql-spec/data'] });
  });
  afterAll(async () => {
    await node.close();
  });

  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${node.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('FROM employees | EVAL d = DELAY(20ms) | STATS c = COUNT(*) stopped after 300 ms counts the completed rows', async () => {
    const submitted = await post('/_query/async', {
      query: 'FROM employees | EVAL d = DELAY(20ms) | STATS c = COUNT(*)',
      wait_for_completion_timeout: '300ms',
    });
    expect(submitted.json).toMatchObject({ is_running: true, columns: [], values: [] });
    const stopped = await post(`/_query/async/${encodeURIComponent(submitted.json.id as string)}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.json).toMatchObject({ is_running: false, is_partial: true, columns: [{ name: 'c', type: 'long' }] });
    const [[count]] = stopped.json.values as number[][];
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(99);
  });

  it('without --test-functions DELAY does not exist', async () => {
    const plain = await startTestServer({ testFunctions: false });
    try {
      const res = await fetch(`${plain.url}/_query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'ROW a = 1 | EVAL d = DELAY(1ms)' }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { type: string; reason: string } };
      expect(body.error.type).toBe('verification_exception');
      expect(body.error.reason).toContain('Unknown function [delay]');
    } finally {
      await plain.close();
    }
  });
});
