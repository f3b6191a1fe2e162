import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../../src/main.js';
import { startTestServer, writeNumbersCsv } from '../../support/qactor-server.js';

/** `/_metrics` of a real node, read the way Prometheus reads it. */

let node: RunningQactor;

beforeAll(async () => {
  node = await startTestServer({ loads: [{ index: 'numbers', file: writeNumbersCsv(1000) }] });
});

afterAll(async () => {
  await node?.close();
});

async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${node.url}/_metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

async function post(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('GET /_metrics', () => {
  it('counts queries by state and outcome, times stops, and reports actors and WebSocket clients', async () => {
    const before = await scrape();
    expect(before.get('qactor_queries{state="running"}')).toBe(0);
    expect(before.get('qactor_active_actors')).toBe(0);
    expect(before.get('qactor_ws_clients')).toBe(0);

    await post('/_query', { query: 'FROM numbers | STATS c = COUNT(*)' });
    const submitted = await post('/_query/async', {
      query: 'FROM numbers | EVAL d = DELAY(20ms) | STATS c = COUNT(*)',
      wait_for_completion_timeout: '0s',
    });
    const id = String(submitted.id);
    const socket = new WebSocket(`${node.url.replace('http', 'ws')}/_query/ws`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const running = await scrape();
    expect(running.get('qactor_queries{state="running"}')).toBe(1);
    expect(running.get('qactor_active_actors')).toBe(1);
    expect(running.get('qactor_running_queries')).toBe(1);
    expect(running.get('qactor_ws_clients')).toBe(1);
    expect(running.get('qactor_queries_submitted_total')).toBe(2);
    expect(running.get('qactor_queries_done_total{outcome="completed"}')).toBe(1);

    const stopped = await post(`/_query/async/${encodeURIComponent(id)}/stop`);
    expect(stopped.is_partial).toBe(true);
    await expect.poll(async () => (await scrape()).get('qactor_queries_done_total{outcome="stopped"}'), { timeout: 5_000 }).toBe(1);
    const after = await scrape();
    expect(after.get('qactor_queries{state="running"}')).toBe(0);
    expect(after.get('qactor_stop_latency_seconds_count')).toBe(1);
    expect(after.get('qactor_stop_latency_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(after.get('qactor_stop_latency_seconds_bucket{le="10"}')).toBe(1);
    expect(after.get('qactor_stop_latency_seconds_sum')).toBeGreaterThan(0);
    // The async query's status events reached its subscribers (the metrics' own watch among them).
    expect(after.get('qactor_status_bus_lag_seconds_count')).toBeGreaterThan(0);
    expect(after.get('qactor_status_bus_lag_seconds_bucket{le="+Inf"}')).toBe(after.get('qactor_status_bus_lag_seconds_count'));

    await fetch(`${node.url}/_query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'FROM nope' }),
    });
    expect((await scrape()).get('qactor_queries_done_total{outcome="failed"}')).toBe(1);

    socket.close();
    await expect.poll(async () => (await scrape()).get('qactor_ws_clients'), { timeout: 5_000 }).toBe(0);
  });

  it.each(['qactor_stop_latency_seconds', 'qactor_status_bus_lag_seconds'])('renders %s as cumulative buckets in increasing order', async (name) => {
    const text = await (await fetch(`${node.url}/_metrics`)).text();
    const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm'))];
    expect(buckets.length).toBeGreaterThan(1);
    expect(buckets.map((m) => m[1]).at(-1)).toBe('+Inf');
    const counts = buckets.map((m) => Number(m[2]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(text).toContain(`# TYPE ${name} histogram`);
  });
});
