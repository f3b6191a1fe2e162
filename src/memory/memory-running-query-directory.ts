import type { RunningQueryDirectory, RunningQueryRecord } from '../runtime/ports.js';

/** The running-query records of the cluster, in a Map (one process, several runtimes in tests). */
export class MemoryRunningQueryDirectory implements RunningQueryDirectory {
  private readonly records = new Map<string, RunningQueryRecord>();

  put(record: RunningQueryRecord): Promise<void> {
    this.records.set(record.id, record);
    return Promise.resolve();
  }

  get(id: string): Promise<RunningQueryRecord | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  extend(id: string, expirationTimeMs: number): Promise<void> {
    const record = this.records.get(id);
    if (record !== undefined && expirationTimeMs > record.expirationTimeMs) {
      this.records.set(id, { ...record, expirationTimeMs });
    }
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }
}
