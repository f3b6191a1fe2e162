import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';
import { WsTestClient, type Frame } from '../ws/ws-test-client.js';

/**
 * End to end: a node with `--workers 2` sends WebSocket preview frames for a split query (19 segments
 * of demo logs, DELAY(1ms) per row: it would run for over a minute; the test deletes it).
 */
interface PreviewBody {
  is_running: boolean;
  is_partial: boolean;
  columns: { name: string; type: string }[];
  values: [number, number][];
}

const counted = (f: Frame) => (f.body as PreviewBody).values.reduce((n, [c]) => n + c, 0);

describe('WebSocket previews of a split query', () => {
  let node: RunningQactor;
  beforeAll(async () => {
    node = await startTestServer({ workers: 2, demo: true, demoRows: 150_000 });
  });
  afterAll(async () => {
    await node?.close();
  });

  it('a preview subscriber gets growing partial aggregates while the workers run', async () => {
    const c = await WsTestClient.open(node.url);
    c.send({ type: 'submit', ref: 'p', query: 'FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*) BY status | SORT status', preview: true, preview_interval_ms: 50 });
    const id = (await c.next((f) => f.type === 'submitted')).id as string;
    const shown = await c.next((f) => f.type === 'preview' && f.id === id && counted(f) > 0);
    const body = shown.body as PreviewBody;
    expect(body).toMatchObject({ is_running: true, is_partial: true });
    expect(body.columns).toEqual([
      { name: 'c', type: 'long' },
      { name: 'status', type: 'integer' },
    ]);
    const later = await c.next((f) => f.type === 'preview' && f.id === id && counted(f) > counted(shown));
    expect(counted(later)).toBeLessThan(150_000);
    c.send({ type: 'delete', id });
    await c.next((f) => f.type === 'deleted' && f.id === id);
    c.close();
  });
});
