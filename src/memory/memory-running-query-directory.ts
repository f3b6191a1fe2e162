import type { QueryCheckpoint, RunningQueryDirectory, RunningQueryRecord } from '../runtime/ports.js';

/** The running-query records of the cluster, in a Map (one process, several runtimes in tests). */
export class MemoryRunningQueryDirectory implements RunningQueryDirectory {
  private readonly records = new Map<string, RunningQueryRecord>();
  private readonly checkpoints = new Map<string, QueryCheckpoint>();

  put(record: RunningQueryRecord): Promise<void> {
    this.records.set(record.id, record);
    this.checkpoints.delete(record.id);
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
    this.checkpoints.delete(id);
    return Promise.resolve();
  }

  checkpoint(id: string, checkpoint: QueryCheckpoint): Promise<boolean> {
    if (!this.records.has(id)) return Promise.resolve(false);
    this.checkpoints.set(id, checkpoint);
    return Promise.resolve(true);
  }

  getCheckpoint(id: string): Promise<QueryCheckpoint | undefined> {
    return Promise.resolve(this.records.has(id) ? this.checkpoints.get(id) : undefined);
  }
}
