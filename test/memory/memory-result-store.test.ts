import { describe, expect, it } from 'vitest';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import type { StoredQuery } from '../../src/runtime/ports.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';

const entry = (id: string, expirationTimeMs: number): StoredQuery => ({
  id,
  startTimeMs: 0,
  expirationTimeMs,
  outcome: { error: { type: 'status_exception', reason: 'x', status: 500 } },
});

describe('MemoryResultStore', () => {
  it('evicts expired entries it is never asked about, on a later write', async () => {
    const clock = new SimulatedClock(0);
    const store = new MemoryResultStore(clock, 1_000);
    await store.put(entry('a', 500));
    await store.put(entry('b', 5_000));
    expect(store.size).toBe(2);
    clock.advance(1_000);
    await store.put(entry('c', 10_000));
    expect(store.size).toBe(2);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
  });
});
