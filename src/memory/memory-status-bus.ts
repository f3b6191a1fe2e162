import { performance } from 'node:perf_hooks';
import type { StatusEvent } from '../runtime/query-runtime.js';
import type { StatusBus } from '../runtime/ports.js';

/**
 * In-process status channel plus the per-query mirror of the latest event. Listeners are called
 * synchronously in publish order; a throwing listener does not affect the others. The mirror of
 * finished queries is bounded (oldest dropped first): a late subscriber of a long-gone query falls back
 * to the ResultStore. `onDeliveryLag` is told, per delivery, how long after the publish a listener got
 * the event (the listeners before it in the loop): the `qactor_status_bus_lag_seconds` metric.
 */
export class MemoryStatusBus implements StatusBus {
  private readonly latestById = new Map<string, StatusEvent>();
  private readonly listeners = new Map<string, Set<(event: StatusEvent) => void>>();
  private readonly finished = new Set<string>();

  constructor(
    private readonly maxFinished = 10_000,
    private readonly onDeliveryLag: (seconds: number) => void = () => undefined,
  ) {}

  publish(event: StatusEvent): Promise<void> {
    const publishedAt = performance.now();
    const prev = this.latestById.get(event.id);
    // The mirror only moves forward: a delayed, older event must not hide a newer state.
    if (prev === undefined || event.seq > prev.seq) {
      this.latestById.set(event.id, event);
      if (event.state === 'done') this.rememberFinished(event.id);
    }
    const set = this.listeners.get(event.id);
    if (set === undefined) return Promise.resolve();
    for (const listener of [...set]) {
      this.onDeliveryLag((performance.now() - publishedAt) / 1000);
      try {
        listener(event);
      } catch {
        // One broken subscriber must not starve the others.
      }
    }
    return Promise.resolve();
  }

  latest(id: string): Promise<StatusEvent | undefined> {
    return Promise.resolve(this.latestById.get(id));
  }

  subscribe(id: string, listener: (event: StatusEvent) => void): Promise<() => void> {
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return Promise.resolve(() => {
      const current = this.listeners.get(id);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(id);
    });
  }

  private rememberFinished(id: string): void {
    this.finished.add(id);
    if (this.finished.size <= this.maxFinished) return;
    const oldest = this.finished.values().next().value as string;
    this.finished.delete(oldest);
    this.latestById.delete(oldest);
  }
}
