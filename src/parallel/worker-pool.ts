import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EsError } from '../errors.js';
import type { QueryParams } from '../esql/ast.js';
import type { StoredIndex } from '../storage/stored-index.js';
import { describeIndex, type SharedIndexDescriptor } from './shared-index.js';
import type { FragmentDone, FragmentFailed, FragmentRows, FromWorker, PreviewAnswer, QueryWorkerData, ToWorker } from './worker-messages.js';

export interface WorkerPoolOptions {
  /** Worker threads, started at once and replaced when one dies. */
  readonly size: number;
  /** The compiled worker entry (worker-url.ts). */
  readonly workerUrl: URL;
  /** Memory budget of each worker's fragments together (default 1 GiB). */
  readonly globalMemoryBytes?: number;
  /** `--test-functions` (DELAY) in the fragments' ES|QL. */
  readonly testFunctions?: boolean;
}

/** One query's share of work for one worker: `workerQuery` over segments [segmentFrom, segmentTo) of `index`. */
export interface FragmentRequest {
  readonly workerQuery: string;
  readonly params?: QueryParams;
  readonly nowMs: number;
  readonly index: StoredIndex;
  readonly segmentFrom: number;
  readonly segmentTo: number;
  /** The per-query memory limit, applied to the fragment's own BlockFactory in the worker. */
  readonly memoryBytes: number;
}

export interface FragmentProgress {
  readonly rows_processed: number;
  readonly pages: number;
}

/** A fragment running in a worker. `result` rejects with the worker's EsError, or status_exception if it died. */
export interface Fragment {
  readonly result: Promise<FragmentRows>;
  /** Stop: the fragment's sources end and it answers over the rows seen. */
  finishEarly(): void;
  /** Abort: `result` rejects (task_cancelled_exception) once the worker has let go of it. */
  cancel(): void;
  progress(): FragmentProgress;
  /**
   * The fragment's live preview (its execution's `preview()` in the worker): undefined when it has
   * nothing to show, has ended, or its worker died. Never rejects. Optional so that test doubles
   * without previews still fit.
   */
  preview?(): Promise<FragmentRows | undefined>;
}

interface PendingFragment {
  resolve(rows: FragmentRows): void;
  reject(error: Error): void;
}

interface Slot {
  readonly index: number;
  worker: Worker;
  /** Index name -> version this worker holds. */
  sent: Map<string, number>;
  /** Why the slot has no worker right now (its worker died before it came online; a restart is due). */
  down?: string;
  readonly fragments: Map<number, PendingFragment>;
  /** Preview requests sent to this slot's worker and not yet answered, by request number. */
  readonly previews: Map<number, (rows: FragmentRows | undefined) => void>;
}

interface IndexVersion {
  readonly index: StoredIndex;
  readonly rowCount: number;
  readonly version: number;
  descriptor?: SharedIndexDescriptor;
}

const GIB = 1024 * 1024 * 1024;
/** Before restarting a worker that died before it came online. */
const RESTART_PAUSE_MS = 1_000;

/**
 * N query worker threads (query-worker.ts), started once. An index is sent to a worker the first time
 * a fragment needs it there, and again when the catalog's object for that name changed (a new object,
 * or more rows): its columns are shared memory, so sending is cheap. A worker that dies fails the
 * fragments it was running with status_exception (500) and is replaced at once.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly versions = new Map<string, IndexVersion>();
  private nextVersion = 0;
  private nextFragment = 0;
  private nextPreview = 0;
  private closed = false;
  private readonly data: QueryWorkerData;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`worker pool size must be a positive integer, got [${options.size}]`);
    if (options.workerUrl.protocol === 'file:' && !existsSync(fileURLToPath(options.workerUrl))) {
      throw new Error(`query worker script ${fileURLToPath(options.workerUrl)} is missing (run \`npm run build\`)`);
    }
    this.data = { globalMemoryBytes: options.globalMemoryBytes ?? GIB, testFunctions: options.testFunctions === true };
    this.slots = Array.from({ length: options.size }, (_, i) => this.startSlot(i));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Fragments sent and not yet answered by their worker (a cancelled one counts until the worker let go). */
  get runningFragments(): number {
    return this.slots.reduce((n, s) => n + s.fragments.size, 0);
  }

  /** The worker thread ids, in slot order (tests use them to see a replacement). */
  get threadIds(): readonly number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** Runs `request` on worker `workerIndex` (0 ≤ workerIndex < size). */
  run(workerIndex: number, request: FragmentRequest): Fragment {
    if (this.closed) throw new EsError('status_exception', 'the query worker pool is closed');
    const slot = this.slots[workerIndex];
    if (slot === undefined) throw new Error(`no worker [${workerIndex}] in a pool of ${this.slots.length}`);
    if (slot.down !== undefined) return failedFragment(new EsError('status_exception', slot.down));
    const version = this.versionOf(request.index);
    const id = ++this.nextFragment;
    const progress = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
    const result = new Promise<FragmentRows>((resolve, reject) => slot.fragments.set(id, { resolve, reject }));
    if (slot.sent.get(version.index.name) !== version.version) {
      version.descriptor ??= describeIndex(version.index);
      this.post(slot, { type: 'index', version: version.version, descriptor: version.descriptor });
      slot.sent.set(version.index.name, version.version);
    }
    this.post(slot, {
      type: 'run',
      id,
      workerQuery: request.workerQuery,
      ...(request.params === undefined ? {} : { params: request.params }),
      nowMs: request.nowMs,
      index: version.index.name,
      version: version.version,
      segmentFrom: request.segmentFrom,
      segmentTo: request.segmentTo,
      memoryBytes: request.memoryBytes,
      progress,
    });
    // Control messages go to whichever worker holds the fragment now (a replaced one has failed it already).
    const control = (type: 'finishEarly' | 'cancel') => {
      if (slot.fragments.has(id)) this.post(slot, { type, id });
    };
    return {
      result,
      finishEarly: () => control('finishEarly'),
      cancel: () => control('cancel'),
      progress: () => ({ rows_processed: progress[0], pages: progress[1] }),
      preview: () => this.askPreview(slot, id),
    };
  }

  private askPreview(slot: Slot, id: number): Promise<FragmentRows | undefined> {
    if (!slot.fragments.has(id)) return Promise.resolve(undefined);
    const request = ++this.nextPreview;
    const answer = new Promise<FragmentRows | undefined>((resolve) => slot.previews.set(request, resolve));
    this.post(slot, { type: 'preview', id, request });
    return answer;
  }

  /**
   * Forgets every index for which `isCurrent` is false (deleted from the catalog, or replaced by a newer
   * object), here and in the workers that hold it: otherwise a deleted index's columns would stay
   * alive in every worker until an index of the same name came along.
   */
  releaseStale(isCurrent: (index: StoredIndex) => boolean): void {
    for (const [name, v] of this.versions) {
      if (isCurrent(v.index)) continue;
      this.versions.delete(name);
      for (const slot of this.slots) {
        if (slot.sent.delete(name)) this.post(slot, { type: 'drop', name });
      }
    }
  }

  /** Names of the indices the pool holds for its workers (tests). */
  get heldIndices(): readonly string[] {
    return [...this.versions.keys()];
  }

  /** Kills worker `workerIndex` as a crash would (its fragments fail, it is replaced): for operators and tests. */
  async terminateWorker(workerIndex: number): Promise<void> {
    await this.slots[workerIndex]?.worker.terminate();
  }

  /** Terminates every worker; fragments still running fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        failAll(slot, new EsError('status_exception', 'the query worker pool was closed'));
        await slot.worker.terminate();
      }),
    );
  }

  private versionOf(index: StoredIndex): IndexVersion {
    const known = this.versions.get(index.name);
    if (known !== undefined && known.index === index && known.rowCount === index.rowCount) return known;
    const fresh: IndexVersion = { index, rowCount: index.rowCount, version: ++this.nextVersion };
    this.versions.set(index.name, fresh);
    return fresh;
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private startSlot(index: number): Slot {
    const slot: Slot = { index, worker: undefined as unknown as Worker, sent: new Map(), fragments: new Map(), previews: new Map() };
    this.startWorker(slot);
    return slot;
  }

  private startWorker(slot: Slot): void {
    const worker = new Worker(this.options.workerUrl, { workerData: this.data });
    // Idle workers must not keep the process alive; a running query is held by its caller anyway.
    worker.unref();
    slot.worker = worker;
    slot.sent = new Map();
    slot.down = undefined;
    let lastError = '';
    let online = false;
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') online = true;
      else if (m.type === 'preview') answerPreview(slot, m);
      else settle(slot, m);
    });
    worker.on('error', (e: Error) => {
      lastError = e.message;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      failAll(
        slot,
        new EsError('status_exception', `query worker [${slot.index}] died (exit code ${code}${lastError === '' ? '' : `: ${lastError}`}) while running this query`),
      );
      if (this.closed) return;
      // One that never came up (a script that fails to load) is retried after a pause, not in a tight loop.
      if (online) {
        this.startWorker(slot);
        return;
      }
      slot.down = `query worker [${slot.index}] could not start${lastError === '' ? '' : `: ${lastError}`}`;
      setTimeout(() => this.closed || this.startWorker(slot), RESTART_PAUSE_MS).unref();
    });
  }
}

function settle(slot: Slot, m: FragmentDone | FragmentFailed): void {
  const pending = slot.fragments.get(m.id);
  if (pending === undefined) return;
  slot.fragments.delete(m.id);
  if (m.type === 'done') pending.resolve(m.result);
  else pending.reject(rebuildError(m.error));
}

function answerPreview(slot: Slot, m: PreviewAnswer): void {
  const pending = slot.previews.get(m.request);
  slot.previews.delete(m.request);
  pending?.(m.rows);
}

function failedFragment(error: EsError): Fragment {
  return {
    result: Promise.reject(error),
    finishEarly: () => undefined,
    cancel: () => undefined,
    progress: () => ({ rows_processed: 0, pages: 0 }),
  };
}

function failAll(slot: Slot, error: EsError): void {
  const pending = [...slot.fragments.values()];
  slot.fragments.clear();
  for (const p of pending) p.reject(error);
  // A dead worker answers no preview: its fragments have failed, they have nothing to show.
  const previews = [...slot.previews.values()];
  slot.previews.clear();
  for (const answer of previews) answer(undefined);
}

/** The worker's EsError as this thread's EsError (same type, status and reason); a bug stays a plain Error (500). */
function rebuildError(e: FragmentFailed['error']): Error {
  if ('type' in e) return new EsError(e.type, e.reason, { status: e.status });
  return new Error(`query worker failed: ${e.message}`);
}
