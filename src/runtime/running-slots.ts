/**
 * The node's running limit. A query holds a slot from `slot.granted` until it is done; queries over
 * the limit wait in `submitted`, first come first served.
 */
export class RunningSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`running limit must be a positive integer, got ${limit}`);
  }

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  /** Calls `grant` now if a slot is free, else when one frees up. */
  acquire(grant: () => void): void {
    if (this.running < this.limit) {
      this.running++;
      grant();
    } else {
      this.waiting.push(grant);
    }
  }

  /** Withdraws a waiting request (a queued query was cancelled or stopped). True if it was waiting. */
  withdraw(grant: () => void): boolean {
    const i = this.waiting.indexOf(grant);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  /** Frees a slot; the next waiter, if any, takes it. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) {
      next();
      return;
    }
    this.running = Math.max(0, this.running - 1);
  }
}
