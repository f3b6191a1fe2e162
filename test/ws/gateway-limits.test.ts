import { afterEach, describe, expect, it } from 'vitest';
import { startGatewayNode, until, type GatewayNode } from './gateway-node.js';
import { WsTestClient } from './ws-test-client.js';

const TICKING = 'FROM ticks | EVAL d = DELAY(2ms) | STATS c = COUNT(*)';

describe('WebSocket gateway limits', () => {
  let node: GatewayNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('the heartbeat terminates a peer that stops answering pings; a live peer stays', async () => {
    node = await startGatewayNode({ heartbeatMs: 50 });
    const dead = await WsTestClient.open(node.url);
    const live = await WsTestClient.open(node.url);
    expect(node.gateway.connectionCount).toBe(2);
    // A paused socket reads no ping, so it sends no pong: to the server it is a dead peer.
    dead.pauseReading();
    await until(() => node!.gateway.connectionCount === 1, 'dead peer terminated');
    dead.resumeReading();
    // Terminated, not closed: no close frame, so the client sees an abnormal closure.
    expect(await dead.closed).toBe(1006);
    // The live peer went through the same heartbeats and still answers.
    live.send({ type: 'list' });
    expect(await live.next((f) => f.type === 'list')).toEqual({ type: 'list', queries: [] });
    expect(node.gateway.connectionCount).toBe(1);
    live.close();
  });

  it('a frame over maxFrameBytes closes the socket with 1009', async () => {
    node = await startGatewayNode({ maxFrameBytes: 1024 });
    const c = await WsTestClient.open(node.url);
    c.send({ type: 'submit', ref: 'ok', query: 'ROW a = 1' });
    await c.next((f) => f.type === 'result');
    c.send({ type: 'submit', ref: 'big', query: `ROW a = "${'x'.repeat(2048)}"` });
    expect(await c.closed).toBe(1009);
  });

  it('past maxSubscriptions a submit or subscribe gets an error frame; unsubscribing makes room', async () => {
    node = await startGatewayNode({ maxSubscriptions: 2 });
    const c = await WsTestClient.open(node.url);
    const ids: string[] = [];
    for (const ref of ['a', 'b']) {
      c.send({ type: 'submit', ref, query: TICKING });
      ids.push((await c.next((f) => f.type === 'submitted' && f.ref === ref)).id as string);
    }
    c.send({ type: 'submit', ref: 'c', query: TICKING });
    const error = await c.next((f) => f.type === 'error' && f.ref === 'c');
    expect(error).toMatchObject({ status: 429, error: { type: 'es_rejected_execution_exception' } });
    expect((error.error as { reason: string }).reason).toContain('too many subscriptions on this connection (max 2)');
    // Nothing was started for the refused submit.
    expect(c.frames.some((f) => f.type === 'submitted' && f.ref === 'c')).toBe(false);

    const other = await WsTestClient.open(node.url);
    other.send({ type: 'submit', ref: 'x', query: TICKING });
    const third = (await other.next((f) => f.type === 'submitted')).id as string;
    c.send({ type: 'subscribe', id: third });
    expect(await c.next((f) => f.type === 'error' && f.id === third)).toMatchObject({ status: 429 });

    c.send({ type: 'unsubscribe', id: ids[0] });
    c.send({ type: 'subscribe', id: third });
    expect(await c.next((f) => f.type === 'status' && f.id === third)).toMatchObject({ state: 'running' });
    // The socket stayed open through the refusals.
    for (const id of [...ids, third]) other.send({ type: 'delete', id });
    await until(() => other.ofType('deleted').length === 3, 'queries deleted');
    c.close();
    other.close();
  });
});
