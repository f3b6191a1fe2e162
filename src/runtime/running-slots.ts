/**
 * The node's running limits. A query holds a slot from `slot.granted` until it is done; queries over
 * a limit wait in `submitted`, first come first served among those that may run. Two limits: the
 * node's (`limit`) and, for authenticated callers, each user's (`perOwnerLimit`), so one user cannot
 * take every slot of a node. A waiting query whose owner is at its own limit lets later queries of
 * other owners pass it.
 */
export class RunningSlots {
  private running = 0;
  private readonly runningByOwner = new Map<string, number>();
  private readonly waiting: { readonly grant: () => void; readonly owner: string | undefined }[] = [];

  constructor(
    readonly limit: number,
    readonly perOwnerLimit: number = limit,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`running limit must be a positive integer, got ${limit}`);
    if (!Number.isInteger(perOwnerLimit) || perOwnerLimit < 1) {
      throw new RangeError(`per-user running limit must be a positive integer, got ${perOwnerLimit}`);
    }
  }

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  /** Calls `grant` now if a slot is free for `owner`, else when one frees up. */
  acquire(grant: () => void, owner?: string): void {
    if (this.mayRun(owner)) this.take(grant, owner);
    else this.waiting.push({ grant, owner });
  }

  /** Withdraws a waiting request (a queued query was cancelled or stopped). True if it was waiting. */
  withdraw(grant: () => void): boolean {
    const i = this.waiting.findIndex((w) => w.grant === grant);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  /** Frees `owner`'s slot; the first waiters that may now run take the free slots. */
  release(owner?: string): void {
    this.running = Math.max(0, this.running - 1);
    if (owner !== undefined) {
      const n = (this.runningByOwner.get(owner) ?? 1) - 1;
      if (n <= 0) this.runningByOwner.delete(owner);
      else this.runningByOwner.set(owner, n);
    }
    for (let i = 0; i < this.waiting.length && this.running < this.limit; ) {
      const next = this.waiting[i];
      if (!this.mayRun(next.owner)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.take(next.grant, next.owner);
    }
  }

  private mayRun(owner: string | undefined): boolean {
    if (this.running >= this.limit) return false;
    // Unauthenticated queries (security off) all share the node limit only.
    return owner === undefined || (this.runningByOwner.get(owner) ?? 0) < this.perOwnerLimit;
  }

  private take(grant: () => void, owner: string | undefined): void {
    this.running++;
    if (owner !== undefined) this.runningByOwner.set(owner, (this.runningByOwner.get(owner) ?? 0) + 1);
    grant();
  }
}
