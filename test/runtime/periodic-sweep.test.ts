import { describe, expect, it } from 'vitest';
import { PeriodicSweep } from '../../src/runtime/periodic-sweep.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';

describe('PeriodicSweep', () => {
  it('visits every member once per interval on one timer, which runs only while members exist', () => {
    const clock = new SimulatedClock();
    const visits: string[] = [];
    const sweep = new PeriodicSweep<string>(clock, 100, (member, now) => visits.push(`${member}@${now - 1_700_000_000_000}`));
    expect(clock.pending).toBe(0);
    const removeA = sweep.add('a');
    const removeB = sweep.add('b');
    expect(clock.pending).toBe(1);
    clock.advance(250);
    expect(visits).toEqual(['a@100', 'b@100', 'a@200', 'b@200']);
    removeA();
    clock.advance(100);
    expect(visits.slice(4)).toEqual(['b@300']);
    removeB();
    expect(sweep.size).toBe(0);
    expect(clock.pending).toBe(0);
    clock.advance(1_000);
    expect(visits).toHaveLength(5);
  });

  it('a member removed during a sweep stops the timer when it was the last one', () => {
    const clock = new SimulatedClock();
    let remove: () => void = () => undefined;
    const sweep = new PeriodicSweep<string>(clock, 100, () => remove());
    remove = sweep.add('only');
    clock.advance(100);
    expect(sweep.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
