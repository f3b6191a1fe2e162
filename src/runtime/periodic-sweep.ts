import type { Clock } from './ports.js';

/**
 * One node-wide timer that visits every registered member each `intervalMs`, instead of a timer per
 * member re-armed every interval (with many running queries, per-query timers were the runtime's top
 * cost). The timer runs only while some member is registered. A member added during a sweep may be
 * visited in that sweep (Set iteration), so `visit` judges whether a member is due.
 */
export class PeriodicSweep<T> {
  private readonly members = new Set<T>();
  private timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly visit: (member: T, nowMs: number) => void,
  ) {}

  /** Registers a member; returns its removal. */
  add(member: T): () => void {
    this.members.add(member);
    if (this.timer === undefined) this.timer = this.clock.setTimeout(this.sweep, this.intervalMs);
    return () => {
      this.members.delete(member);
      if (this.members.size === 0 && this.timer !== undefined) {
        this.clock.clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Members registered now. */
  get size(): number {
    return this.members.size;
  }

  private readonly sweep = (): void => {
    this.timer = undefined;
    const now = this.clock.now();
    for (const member of this.members) this.visit(member, now);
    if (this.members.size > 0 && this.timer === undefined) this.timer = this.clock.setTimeout(this.sweep, this.intervalMs);
  };
}
