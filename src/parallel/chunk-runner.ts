import type { FragmentRows } from './worker-messages.js';
import type { Fragment, FragmentProgress, FragmentRequest, WorkerPool } from './worker-pool.js';

export interface ChunkResults {
  /** Rows of every chunk that ran, in chunk order (not completion order), so the merge is deterministic. */
  readonly parts: readonly FragmentRows[];
  /** Chunks never started because of a stop. */
  readonly skipped: number;
}

export interface ChunkRun {
  /** Rejects with the first fragment's error (the others are cancelled then). */
  readonly result: Promise<ChunkResults>;
  /** Stop: running chunks finish early, the rest are skipped. */
  finishEarly(): void;
  /** Abort: running chunks are cancelled, none is started any more. */
  cancel(): void;
  progress(): FragmentProgress;
  /**
   * Every started chunk's rows as of now, in chunk order: a finished chunk's final rows, a running
   * one's fresh preview (or, when it has nothing to show this time, its last one: a chunk's rows only
   * grow, so a merge of them never goes back). Chunks with nothing to show yet are left out; undefined
   * when no chunk has anything. Never rejects.
   */
  preview(): Promise<readonly FragmentRows[] | undefined>;
}

/**
 * Runs `chunks` (one query's fragments, in segment order) on `workers` workers, one chunk per worker
 * at a time: a worker that finishes takes the next chunk. With more chunks than workers, a worker that
 * the OS schedules less (a busy machine) simply runs fewer of them instead of holding up the query.
 */
export function runChunks(pool: Pick<WorkerPool, 'run'>, workers: number, chunks: readonly FragmentRequest[]): ChunkRun {
  const started: Fragment[] = [];
  const running = new Set<Fragment>();
  const rows = new Array<FragmentRows | undefined>(chunks.length);
  /** The latest preview of each chunk still running. */
  const previews = new Array<FragmentRows | undefined>(chunks.length);
  let next = 0;
  let stopped = false;
  let failed = false;

  const result = new Promise<ChunkResults>((resolve, reject) => {
    const startOn = (worker: number) => {
      if (failed) return;
      if (stopped || next >= chunks.length) {
        if (running.size === 0) {
          const parts = rows.filter((r): r is FragmentRows => r !== undefined);
          resolve({ parts, skipped: chunks.length - next });
        }
        return;
      }
      const i = next++;
      const fragment = pool.run(worker, chunks[i]);
      started.push(fragment);
      running.add(fragment);
      fragment.result.then(
        (r) => {
          rows[i] = r;
          running.delete(fragment);
          startOn(worker);
        },
        (e: Error) => {
          running.delete(fragment);
          if (failed) return;
          failed = true;
          running.forEach((f) => f.cancel());
          reject(e);
        },
      );
    };
    const first = Math.min(workers, chunks.length);
    if (first === 0) resolve({ parts: [], skipped: 0 });
    for (let w = 0; w < first; w++) startOn(w);
  });

  return {
    result,
    finishEarly: () => {
      stopped = true;
      running.forEach((f) => f.finishEarly());
    },
    cancel: () => {
      stopped = true;
      running.forEach((f) => f.cancel());
    },
    preview: async () => {
      // `started[i]` runs chunk i: chunks start in order.
      await Promise.all(
        started.map(async (fragment, i) => {
          if (rows[i] !== undefined || !running.has(fragment) || fragment.preview === undefined) return;
          const now = await fragment.preview().catch(() => undefined);
          if (now !== undefined) previews[i] = now;
        }),
      );
      const parts = started.map((_, i) => rows[i] ?? previews[i]).filter((r): r is FragmentRows => r !== undefined);
      return parts.length === 0 ? undefined : parts;
    },
    progress: () => {
      let rowsProcessed = 0;
      let pages = 0;
      for (const f of started) {
        const p = f.progress();
        rowsProcessed += p.rows_processed;
        pages += p.pages;
      }
      return { rows_processed: rowsProcessed, pages };
    },
  };
}
