import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';

describe('SimulatedClock', () => {
  it('fires due timers in time order, ties in creation order, and moves now()', () => {
    const clock = new SimulatedClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    clock.advance(15);
    expect(fired).toEqual(['a@1010']);
    expect(clock.now()).toBe(1_015);
    clock.advance(5);
    expect(fired).toEqual(['a@1010', 'b@1020', 'c@1020']);
  });

  it('fires timers scheduled by a firing timer within the same window, and honours clearTimeout', () => {
    const clock = new SimulatedClock(0);
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now());
      clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);
    const cancelled = clock.setTimeout(() => fired.push(-1), 150);
    clock.clearTimeout(cancelled);
    clock.advance(350);
    expect(fired).toEqual([100, 200, 300]);
    expect(clock.pending).toBe(1);
  });

  it('advanceAsync lets promise callbacks run between timers', async () => {
    const clock = new SimulatedClock(0);
    const order: string[] = [];
    clock.setTimeout(() => void Promise.resolve().then(() => order.push('then@10')), 10);
    clock.setTimeout(() => order.push('timer@20'), 20);
    await clock.advanceAsync(20);
    expect(order).toEqual(['then@10', 'timer@20']);
  });
});
