import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer } from '../support/qactor-server.js';

/** A real ws client that records every frame and can wait for one matching a predicate. */
class Client {
  readonly frames: Record<string, unknown>[] = [];
  private waiters: { pred: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url.replace('http', 'ws') + '/_query/ws');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Client(ws);
  }
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
  next(pred: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  statuses(id: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.type === 'status' && f.id === id);
  }
  close(): void {
    this.ws.close();
  }
}

const isDone = (id: string) => (f: Record<string, unknown>) => f.type === 'status' && f.id === id && f.state === 'done';
const isResult = (id: string) => (f: Record<string, unknown>) => f.type === 'result' && f.id === id;
const SLOW = 'FROM numbers | EVAL d = DELAY(10ms) | STATS c = COUNT(*)';

describe('WebSocket gateway', () => {
  let node: RunningQactor;
  beforeAll(async () => {
    node = await startTestServer();
  });
  afterAll(async () => {
    await node.close();
  });

  it('submit -> submitted -> ordered statuses ending in done -> result', async () => {
    const c = await Client.open(node.url);
    c.send({ type: 'submit', ref: 'r1', query: 'FROM numbers | STATS s = SUM(n)' });
    const submitted = await c.next((f) => f.type === 'submitted' && f.ref === 'r1');
    const id = submitted.id as string;
    const result = await c.next(isResult(id));
    const statuses = c.statuses(id);
    const seqs = statuses.map((s) => s.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', outcome: 'completed' });
    expect(result.body).toMatchObject({ is_running: false, is_partial: false, values: [[5050]] });
    c.close();
  });

  it('stop from the socket gives a partial result; a second client sees the same events', async () => {
    const a = await Client.open(node.url);
    const b = await Client.open(node.url);
    a.send({ type: 'submit', ref: 'slow', query: SLOW });
    const id = (await a.next((f) => f.type === 'submitted')).id as string;
    b.send({ type: 'subscribe', id });
    await a.next((f) => f.type === 'status' && f.id === id && f.state === 'running');
    await b.next((f) => f.type === 'status' && f.id === id);
    a.send({ type: 'stop', id });
    const stopped = await a.next(isResult(id));
    expect(stopped.body).toMatchObject({ is_running: false, is_partial: true });
    const count = ((stopped.body as { values: number[][] }).values[0][0]);
    expect(count).toBeLessThan(100);
    const doneA = await a.next(isDone(id));
    const doneB = await b.next(isDone(id));
    expect(doneB.seq).toBe(doneA.seq);
    expect(doneA.outcome).toBe('stopped');
    a.close();
    b.close();
  });

  it('a client reconnecting with after_seq gets every later event and the terminal one', async () => {
    const first = await Client.open(node.url);
    first.send({ type: 'submit', ref: 'r', query: 'FROM numbers | EVAL d = DELAY(3ms) | STATS c = COUNT(*)' });
    const id = (await first.next((f) => f.type === 'submitted')).id as string;
    const seen = await first.next((f) => f.type === 'status' && f.id === id);
    first.close();
    const second = await Client.open(node.url);
    second.send({ type: 'subscribe', id, after_seq: seen.seq });
    const done = await second.next(isDone(id));
    const later = second.statuses(id);
    expect(later.every((s) => (s.seq as number) > (seen.seq as number))).toBe(true);
    expect(done.outcome).toBe('completed');
    const result = await second.next(isResult(id));
    expect(result.body).toMatchObject({ values: [[100]] });
    second.close();
  });

  it('answers malformed and unknown messages with an error frame and keeps the socket open', async () => {
    const c = await Client.open(node.url);
    c.send('not json');
    const e1 = await c.next((f) => f.type === 'error');
    expect(e1).toMatchObject({ status: 400, error: { type: 'x_content_parse_exception' } });
    c.send({ type: 'frobnicate', ref: 'x' });
    const e2 = await c.next((f) => f.type === 'error' && f.ref === 'x');
    expect((e2.error as { reason: string }).reason).toContain('unknown message type [frobnicate]');
    c.send({ type: 'get', id: 'bm90LWFuLWlk' });
    const e3 = await c.next((f) => f.type === 'error' && f.id === 'bm90LWFuLWlk');
    expect(e3.status).toBe(400);
    c.send({ type: 'submit', ref: 'bad', query: 'FROM numbers | WHERE nope > 1' });
    const e4 = await c.next((f) => f.type === 'error' && f.ref === 'bad');
    expect(e4).toMatchObject({ status: 400, error: { type: 'verification_exception' } });
    c.close();
  });

  it('list shows the caller\'s queries from every connection, with their latest state', async () => {
    const first = await Client.open(node.url);
    first.send({ type: 'submit', ref: 'l', query: 'FROM numbers | STATS c = COUNT(*)' });
    const id = (await first.next((f) => f.type === 'submitted')).id as string;
    await first.next(isDone(id));
    const second = await Client.open(node.url);
    second.send({ type: 'list' });
    const list = await second.next((f) => f.type === 'list');
    expect(list.queries).toContainEqual(expect.objectContaining({ id, state: 'done', outcome: 'completed' }));
    first.close();
    second.close();
  });

  it('delete from the socket cancels; the id is then unknown', async () => {
    const c = await Client.open(node.url);
    c.send({ type: 'submit', ref: 'd', query: SLOW });
    const id = (await c.next((f) => f.type === 'submitted')).id as string;
    await c.next((f) => f.type === 'status' && f.id === id && f.state === 'running');
    c.send({ type: 'delete', id });
    await c.next((f) => f.type === 'deleted' && f.id === id);
    const done = await c.next(isDone(id));
    expect(done.outcome).toBe('cancelled');
    c.send({ type: 'get', id });
    const err = await c.next((f) => f.type === 'error' && f.id === id);
    expect(err).toMatchObject({ status: 404, error: { type: 'resource_not_found_exception', reason: id } });
    c.close();
  });
});
