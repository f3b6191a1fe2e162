import { describe, expect, it } from 'vitest';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import type { StatusEvent } from '../../src/runtime/query-runtime.js';

const done = (id: string): StatusEvent => ({
  id,
  seq: 1,
  state: 'done',
  outcome: 'completed',
  progress: { rows_processed: 0, rows_total: null, pages: 0, elapsed_ms: 0 },
  node: 'n',
});

describe('MemoryStatusBus', () => {
  it('keeps the mirror of finished queries bounded, dropping the oldest', async () => {
    const bus = new MemoryStatusBus(2);
    for (const id of ['a', 'b', 'c']) await bus.publish(done(id));
    expect(await bus.latest('a')).toBeUndefined();
    expect(await bus.latest('b')).toBeDefined();
    expect(await bus.latest('c')).toBeDefined();
  });

  it('a throwing listener does not keep the event from the others', async () => {
    const bus = new MemoryStatusBus();
    const got: string[] = [];
    await bus.subscribe('a', () => {
      throw new Error('bad listener');
    });
    await bus.subscribe('a', (e) => got.push(e.id));
    await bus.publish(done('a'));
    expect(got).toEqual(['a']);
  });

  it('reports the lag of every delivery, none for an event nobody listens to', async () => {
    const lags: number[] = [];
    const bus = new MemoryStatusBus(10, (seconds) => lags.push(seconds));
    await bus.publish(done('nobody'));
    expect(lags).toEqual([]);
    await bus.subscribe('a', () => undefined);
    await bus.subscribe('a', () => undefined);
    await bus.publish(done('a'));
    expect(lags).toHaveLength(2);
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(0);
  });
});
