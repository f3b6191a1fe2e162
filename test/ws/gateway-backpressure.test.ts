import { afterEach, describe, expect, it } from 'vitest';
import { startGatewayNode, until, type GatewayNode } from './gateway-node.js';
import { isDone, isResult, WsTestClient, type Frame } from './ws-test-client.js';

/** Several seconds of running, with a status event (progress) about every 20 ms. */
const TICKING = 'FROM ticks | EVAL d = DELAY(2ms) | STATS c = COUNT(*)';
const HIGH_WATER = 16 * 1024;
const MAX_QUEUED = 1024 * 1024;
const pause = () => new Promise((r) => setTimeout(r, 1));

describe('WebSocket backpressure', () => {
  let node: GatewayNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('a slow client is coalesced, then closed with 1008, while another client gets every event', async () => {
    node = await startGatewayNode({ highWaterBytes: HIGH_WATER, maxQueuedBytes: MAX_QUEUED });
    const gateway = node.gateway;
    const fast = await WsTestClient.open(node.url);
    const slow = await WsTestClient.open(node.url);

    // A finished ~60 KB result the slow client asks for again and again, to fill its pipe.
    slow.send({ type: 'submit', ref: 'bulk', query: 'FROM bulk' });
    const bulkId = (await slow.next((f) => f.type === 'submitted')).id as string;
    await slow.next(isResult(bulkId));

    fast.send({ type: 'submit', ref: 'ticks', query: TICKING });
    const id = (await fast.next((f) => f.type === 'submitted')).id as string;
    slow.send({ type: 'subscribe', id });
    await slow.next((f) => f.type === 'status' && f.id === id);
    slow.pauseReading();

    let maxQueued = 0;
    const stats = () => {
      const s = gateway.stats();
      maxQueued = Math.max(maxQueued, s.queuedBytes);
      return s;
    };
    // 1. Fall behind: the kernel buffers fill, then the server starts queueing for this client.
    for (let i = 0; stats().queuedBytes === 0; i++) {
      if (i > 2_000) throw new Error('the server never queued for the paused client');
      slow.send({ type: 'get', id: bulkId });
      await pause();
    }
    // 2. While it is behind, the query's status frames replace each other instead of piling up.
    await until(() => stats().coalescedFrames > 0, 'status frames coalesced');
    expect(stats().slowClientsClosed).toBe(0);
    // 3. Hopelessly behind: past maxQueuedBytes the client is cut off, and nothing stays queued for it.
    for (let i = 0; stats().slowClientsClosed === 0; i++) {
      if (i > 200) throw new Error('the slow client was never closed');
      slow.send({ type: 'get', id: bulkId });
      await pause();
    }
    expect(maxQueued).toBeGreaterThan(0);
    expect(maxQueued).toBeLessThanOrEqual(MAX_QUEUED);

    // The other client is unaffected: every status in order, with no gap, then its result.
    fast.send({ type: 'stop', id });
    const result = await fast.next(isResult(id));
    expect(result.body).toMatchObject({ is_running: false, is_partial: true });
    const seqs = fast.ofType('status', id).map((s) => s.seq as number);
    expect(seqs.length).toBeGreaterThan(3);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
    expect(fast.frames.find(isDone(id))).toMatchObject({ outcome: 'stopped' });

    // Once it reads again, the slow client finds the close frame: 1008 (policy violation).
    slow.resumeReading();
    expect(await slow.closed).toBe(1008);
    const slowSeqs = slow.ofType('status', id).map((s: Frame) => s.seq as number);
    for (let i = 1; i < slowSeqs.length; i++) expect(slowSeqs[i]).toBeGreaterThan(slowSeqs[i - 1]);
    await until(() => gateway.connectionCount === 1, 'slow connection gone');
    expect(gateway.stats().queuedBytes).toBe(0);
    fast.close();
  });
});
