import type { EngineResult } from '../esql/query-engine.js';
import type { FragmentRows } from './worker-messages.js';

export interface SplitPreviewSource {
  /** Every chunk's rows as of now (ChunkRun.preview); undefined when no chunk has anything to show. */
  parts(): Promise<readonly FragmentRows[] | undefined>;
  /** The final query over `parts`, as a stop would answer (`isPartial: true`); may reject. */
  merge(parts: readonly FragmentRows[], signal: AbortSignal): Promise<EngineResult>;
}

/**
 * Live previews of a split query. The workers can only answer asynchronously, but
 * `QueryExecution.preview()` is synchronous: so `current()` returns the last merged preview at once
 * and starts the next refresh (at most one in flight): every running chunk's preview plus the finished
 * chunks' rows, merged through the final query. A preview is therefore at most one refresh old (what
 * the workers had at the previous call, or before it while a refresh was still running); the first
 * call has nothing yet, as a pipeline that cannot show anything yet. A refresh that fails (a merge out
 * of memory, a worker that died) is skipped: the last preview stands and nothing reaches the caller.
 */
export class SplitPreviews {
  private last: EngineResult | undefined;
  private lastParts: readonly FragmentRows[] = [];
  private refreshing = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(private readonly source: SplitPreviewSource) {}

  /** The last merged preview (undefined before the first one, and once closed); asks for a fresh one unless told not to. */
  current(refresh = true): EngineResult | undefined {
    if (this.closed) return undefined;
    if (refresh && !this.refreshing) void this.refresh();
    return this.last;
  }

  /** The last merged preview, even after close, without asking for a new one (hard stop). */
  get latest(): EngineResult | undefined {
    return this.last;
  }

  /** The query settled or was cancelled: no more previews, and a merge in flight is abandoned. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort(new Error('the query ended'));
  }

  private async refresh(): Promise<void> {
    this.refreshing = true;
    try {
      const parts = await this.source.parts();
      // The same rows as last time (every chunk finished, or none has moved): the merge would be the same.
      if (parts === undefined || this.closed || sameParts(parts, this.lastParts)) return;
      const merged = await this.source.merge(parts, this.abort.signal);
      if (this.closed) return;
      this.last = merged;
      this.lastParts = parts;
    } catch {
      // Skipped, like a circuit_breaking preview of an unsplit query: the last preview stands.
    } finally {
      this.refreshing = false;
    }
  }
}

const sameParts = (a: readonly FragmentRows[], b: readonly FragmentRows[]) => a.length === b.length && a.every((p, i) => p === b[i]);
