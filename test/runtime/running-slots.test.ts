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

  it('holds a user at its own limit while other users pass it; unauthenticated queries share the node limit only', () => {
    const slots = new RunningSlots(4, 2);
    const granted: string[] = [];
    const take = (name: string, owner?: string) => slots.acquire(() => granted.push(name), owner);
    take('alice-1', 'alice');
    take('alice-2', 'alice');
    take('alice-3', 'alice');
    take('bob-1', 'bob');
    take('anon-1');
    expect(granted).toEqual(['alice-1', 'alice-2', 'bob-1', 'anon-1']);
    expect([slots.runningCount, slots.queuedCount]).toEqual([4, 1]);
    slots.release('bob'); // a free node slot, but alice is still at her limit
    expect(granted).toHaveLength(4);
    take('bob-2', 'bob'); // bob passes the waiting alice-3
    expect(granted.at(-1)).toBe('bob-2');
    slots.release('alice');
    expect(granted.at(-1)).toBe('alice-3');
    expect([slots.runningCount, slots.queuedCount]).toEqual([4, 0]);
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
