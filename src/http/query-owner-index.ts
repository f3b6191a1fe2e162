/**
 * Which owner submitted each async query through this HTTP adapter, so a principal holding the
 * `cancel_task` privilege can DELETE someone else's query: the runtime answers every non-owner with
 * 404 and has no "any owner" option, so the adapter names the real owner on the holder's behalf.
 * Local to this node (a query submitted on another node cannot be cancelled this way) and bounded:
 * expired entries are dropped, and past `maxEntries` the oldest go first.
 */
export class QueryOwnerIndex {
  private readonly owners = new Map<string, { readonly owner: string; expirationMs: number }>();
  private insertsSincePrune = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {}

  record(id: string, owner: string, expirationMs: number): void {
    this.owners.delete(id);
    this.owners.set(id, { owner, expirationMs });
    if (++this.insertsSincePrune >= 1024 || this.owners.size > this.maxEntries) this.prune();
  }

  ownerOf(id: string): string | undefined {
    const entry = this.owners.get(id);
    if (entry === undefined) return undefined;
    if (entry.expirationMs <= this.now()) {
      this.owners.delete(id);
      return undefined;
    }
    return entry.owner;
  }

  /** A GET with keep_alive extends the query; the index must not forget it earlier. */
  extend(id: string, expirationMs: number): void {
    const entry = this.owners.get(id);
    if (entry !== undefined && expirationMs > entry.expirationMs) entry.expirationMs = expirationMs;
  }

  forget(id: string): void {
    this.owners.delete(id);
  }

  get size(): number {
    return this.owners.size;
  }

  private prune(): void {
    this.insertsSincePrune = 0;
    const now = this.now();
    for (const [id, entry] of this.owners) if (entry.expirationMs <= now) this.owners.delete(id);
    for (const id of this.owners.keys()) {
      if (this.owners.size <= this.maxEntries) break;
      this.owners.delete(id);
    }
  }
}
