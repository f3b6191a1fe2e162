import { describe, expect, it } from 'vitest';
import { ProgressTicker } from '../../src/runtime/progress-ticker.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';

describe('ProgressTicker', () => {
  it('polls every registered query once per interval with a single timer', async () => {
    const clock = new SimulatedClock(0);
    const ticker = new ProgressTicker(clock, 100);
    const polls: string[] = [];
    ticker.add({ sinceMs: 0, poll: () => polls.push('a') });
    ticker.add({ sinceMs: 0, poll: () => polls.push('b') });
    await clock.advanceAsync(250);
    expect(polls).toEqual(['a', 'b', 'a', 'b']);
    expect(clock.pending).toBe(1);
  });

  it('first polls a query a full interval after it started', async () => {
    const clock = new SimulatedClock(0);
    const ticker = new ProgressTicker(clock, 100);
    const times: number[] = [];
    ticker.add({ sinceMs: 0, poll: () => undefined });
    await clock.advanceAsync(50);
    ticker.add({ sinceMs: 50, poll: () => times.push(clock.now()) });
    await clock.advanceAsync(300);
    expect(times).toEqual([200, 300]);
  });

  it('stops its timer when the last query leaves, and a zero interval never arms one', async () => {
    const clock = new SimulatedClock(0);
    const ticker = new ProgressTicker(clock, 100);
    let polls = 0;
    const remove = ticker.add({ sinceMs: 0, poll: () => polls++ });
    await clock.advanceAsync(100);
    remove();
    expect(ticker.size).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.advanceAsync(500);
    expect(polls).toBe(1);
    new ProgressTicker(clock, 0).add({ sinceMs: 0, poll: () => polls++ })();
    expect(clock.pending).toBe(0);
  });

  it('a query removed during a tick is not polled again', async () => {
    const clock = new SimulatedClock(0);
    const ticker = new ProgressTicker(clock, 100);
    const polls: string[] = [];
    let removeB = (): void => undefined;
    ticker.add({ sinceMs: 0, poll: () => (polls.push('a'), removeB()) });
    removeB = ticker.add({ sinceMs: 0, poll: () => polls.push('b') });
    await clock.advanceAsync(200);
    expect(polls).toEqual(['a', 'a']);
  });
});
