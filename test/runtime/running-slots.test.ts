import { describe, expect, it } from 'vitest';
import { RunningSlots } from '../../src/runtime/running-slots.js';

describe('RunningSlots', () => {
  it('grants up to the limit at once, then first come first served', () => {
    const slots = new RunningSlots(2);
    const granted: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) slots.acquire(() => granted.push(name));
    expect(granted).toEqual(['a', 'b']);
    expect([slots.runningCount, slots.queuedCount]).toEqual([2, 2]);
    slots.release();
    expect(granted).toEqual(['a', 'b', 'c']);
    expect([slots.runningCount, slots.queuedCount]).toEqual([2, 1]);
  });

  it('a withdrawn waiter is never granted', () => {
    const slots = new RunningSlots(1);
    const granted: string[] = [];
    slots.acquire(() => granted.push('a'));
    const b = () => granted.push('b');
    slots.acquire(b);
    expect(slots.withdraw(b)).toBe(true);
    expect(slots.withdraw(b)).toBe(false);
    slots.release();
    expect(granted).toEqual(['a']);
    expect(slots.runningCount).toBe(0);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new RunningSlots(0)).toThrow(RangeError);
    expect(() => new RunningSlots(1.5)).toThrow(RangeError);
  });
});
