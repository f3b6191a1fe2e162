import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SystemClock } from '../../src/runtime/system-clock.js';

describe('SystemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a timer after its delay and not before', () => {
    const clock = new SystemClock();
    const fn = vi.fn();
    clock.setTimeout(fn, 1_000);
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('runs delays longer than Node allows (30 days) at the right time', () => {
    const clock = new SystemClock();
    const fn = vi.fn();
    const thirtyDays = 30 * 24 * 3_600_000;
    clock.setTimeout(fn, thirtyDays);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('clearTimeout cancels, also in the middle of a long delay', () => {
    const clock = new SystemClock();
    const fn = vi.fn();
    const handle = clock.setTimeout(fn, 30 * 24 * 3_600_000);
    vi.advanceTimersByTime(25 * 24 * 3_600_000);
    clock.clearTimeout(handle);
    vi.advanceTimersByTime(10 * 24 * 3_600_000);
    expect(fn).not.toHaveBeenCalled();
  });
});
