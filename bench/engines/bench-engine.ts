import type { BenchDataset } from '../dataset.js';
import type { QueryId, ResultRow } from '../queries.js';

/**
 * One contender. `load` is not timed; `run` is, end to end: from query text (or id, for the typed
 * loop) to result rows in JS, so every engine pays for parsing, planning and materialising its answer.
 */
export interface BenchEngine {
  readonly name: string;
  load(data: BenchDataset): Promise<void>;
  /** Called once before this engine's runs (e.g. DuckDB's thread count is a per-instance setting). */
  activate?(): Promise<void>;
  run(id: QueryId): Promise<readonly ResultRow[]>;
  close(): Promise<void>;
}
