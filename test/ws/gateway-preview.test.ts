import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';
import { isDone, isResult, WsTestClient, type Frame } from './ws-test-client.js';

/** 100 rows, 5 ms each: about half a second of running, aggregated row by row. */
const SLOW_STATS = 'FROM numbers | EVAL d = DELAY(5ms) | STATS c = COUNT(*), s = SUM(n)';
/** About a second: a subscriber on the default 250 ms period sees previews before it ends. */
const SLOWER_STATS = 'FROM numbers | EVAL d = DELAY(10ms) | STATS c = COUNT(*), s = SUM(n)';

interface PreviewBody {
  is_running: boolean;
  is_partial: boolean;
  columns: { name: string; type: string }[];
  values: [number, number][];
}

describe('WebSocket live previews', () => {
  let node: RunningQactor;
  beforeAll(async () => {
    node = await startTestServer();
  });
  afterAll(async () => {
    await node.close();
  });

  it('previews of a slow STATS grow monotonically, stay consistent and converge to the exact final answer', async () => {
    const c = await WsTestClient.open(node.url);
    c.send({ type: 'submit', ref: 'p', query: SLOW_STATS, preview: true, preview_interval_ms: 50 });
    const id = (await c.next((f) => f.type === 'submitted')).id as string;
    const result = await c.next(isResult(id));
    expect(result.body).toMatchObject({ is_partial: false, values: [[100, 5050]] });

    const previews = c.ofType('preview', id);
    expect(previews.length).toBeGreaterThanOrEqual(2);
    let lastCount = 0;
    let lastFraction = 0;
    for (const p of previews) {
      const body = p.body as PreviewBody;
      expect(body).toMatchObject({ id, is_running: true, is_partial: true });
      expect(body.columns.map((col) => col.name)).toEqual(['c', 's']);
      const [count, sum] = body.values[0];
      // Rows go through in order n = 1, 2, ...: the sum of the first `count` says nothing was counted twice.
      expect(sum).toBe((count * (count + 1)) / 2);
      expect(count).toBeGreaterThanOrEqual(lastCount);
      expect(count).toBeLessThanOrEqual(100);
      const fraction = p.fraction as number;
      expect(fraction).toBeGreaterThanOrEqual(lastFraction);
      expect(fraction).toBeLessThanOrEqual(1);
      lastCount = count;
      lastFraction = fraction;
    }
    // Some preview showed work in progress, not only the empty start.
    expect(previews.some((p) => (p.body as PreviewBody).values[0][0] > 0)).toBe(true);
    // Previews come only while running: none after the terminal status.
    const doneAt = c.frames.findIndex(isDone(id));
    expect(c.frames.slice(doneAt).some((f) => f.type === 'preview')).toBe(false);
    // Each preview names the last status seq published before it.
    const seqs = new Set(c.ofType('status', id).map((s) => s.seq));
    for (const p of previews) expect(seqs.has(p.seq)).toBe(true);
    c.close();
  });

  it('a late subscriber asks for previews with the default period; a plain subscriber gets none', async () => {
    const a = await WsTestClient.open(node.url);
    const b = await WsTestClient.open(node.url);
    const plain = await WsTestClient.open(node.url);
    a.send({ type: 'submit', ref: 'q', query: SLOWER_STATS });
    const id = (await a.next((f) => f.type === 'submitted')).id as string;
    b.send({ type: 'subscribe', id, preview: true });
    plain.send({ type: 'subscribe', id });
    const first = await b.next((f) => f.type === 'preview' && f.id === id);
    expect(first.body).toMatchObject({ is_partial: true });
    await Promise.all([a.next(isResult(id)), b.next(isResult(id)), plain.next(isResult(id))]);
    expect(a.ofType('preview')).toEqual([]);
    expect(plain.ofType('preview')).toEqual([]);
    for (const c of [a, b, plain]) c.close();
  });

  it('rejects a preview period below the minimum with an error frame', async () => {
    const c = await WsTestClient.open(node.url);
    c.send({ type: 'subscribe', id: 'x', preview: true, preview_interval_ms: 1 });
    const error = await c.next((f: Frame) => f.type === 'error');
    expect(error).toMatchObject({ id: 'x', status: 400, error: { type: 'illegal_argument_exception' } });
    c.close();
  });
});
