import { createHash } from 'node:crypto';
import { MAX_RESULT_ROWS } from '../esql/analyzer/analyzer.js';
import type { EngineResult } from '../esql/query-engine.js';
import { PeriodicSweep } from './periodic-sweep.js';
import type { Clock, RunningQueryDirectory } from './ports.js';

/** A query this node runs, as the writer sees it (a LiveQuery). */
export interface CheckpointSource {
  readonly id: string;
  /** What a stop would return now; undefined when there is nothing to show (queued, stopping, done). */
  preview(): { readonly result: EngineResult } | undefined;
}

export interface CheckpointWriterOptions {
  /** How often each running query is checkpointed. */
  readonly intervalMs: number;
  /** A checkpoint whose JSON is larger is not written; the query keeps its previous, smaller one. */
  readonly maxBytes: number;
}

interface Tracked {
  readonly source: CheckpointSource;
  /** Digest of the last checkpoint written: an unchanged preview is not written again. */
  lastDigest?: string;
  writing: boolean;
}

/**
 * Cluster mode: every `intervalMs`, writes each running query's live preview to the
 * RunningQueryDirectory as its checkpoint, so that if this node dies, the node finishing the query
 * answers with those rows (remote-queries.ts) instead of nothing. One node-wide timer (PeriodicSweep);
 * at most one write in flight per query, so a slow Redis cannot pile up writes. Rows are capped at the result cap (10,000), the JSON at `maxBytes`.
 */
export class CheckpointWriter {
  private readonly sweep: PeriodicSweep<Tracked>;

  constructor(
    private readonly directory: RunningQueryDirectory,
    private readonly clock: Clock,
    private readonly options: CheckpointWriterOptions,
  ) {
    this.sweep = new PeriodicSweep(clock, options.intervalMs, (tracked) => {
      if (!tracked.writing) this.checkpoint(tracked);
    });
  }

  /** Registers a query; returns its removal (call it before the query's record is deleted). */
  add(source: CheckpointSource): () => void {
    return this.sweep.add({ source, writing: false });
  }

  /** Queries registered now (for tests). */
  get size(): number {
    return this.sweep.size;
  }

  private checkpoint(tracked: Tracked): void {
    const { source } = tracked;
    const preview = source.preview()?.result;
    if (preview === undefined) return;
    const result: EngineResult = {
      columns: preview.columns,
      values: preview.values.slice(0, MAX_RESULT_ROWS),
      isPartial: true,
      documentsFound: preview.documentsFound,
      valuesLoaded: preview.valuesLoaded,
      warnings: preview.warnings,
    };
    const json = JSON.stringify(result, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (Buffer.byteLength(json) > this.options.maxBytes) return;
    const digest = createHash('sha1').update(json).digest('base64');
    if (digest === tracked.lastDigest) return;
    tracked.writing = true;
    this.directory
      .checkpoint(source.id, { takenAtMs: this.clock.now(), result })
      .then((written) => {
        if (written) tracked.lastDigest = digest;
      })
      // Best effort: a failed write leaves the previous checkpoint; the next tick tries again.
      .catch(() => undefined)
      .finally(() => (tracked.writing = false));
  }
}
