import type {
  DriverContext,
  Operator,
  OperatorFactory,
  SourceOperator,
  SourceOperatorFactory,
} from './operator.js';
import { IndexSourceOperator } from './index-source-operator.js';
import { keepOperatorShapes, keepShape } from './operator-shapes.js';
import type { Page } from './page.js';
import { pageBytes } from './page-bytes.js';

export interface DriverOptions {
  /**
   * Length of one time slice in ms, or a provider asked at every slice. Default `sharedSliceMs`: the
   * drivers of one process share a budget per event-loop turn.
   */
  readonly sliceMs?: number | (() => number);
  /** Awaited between slices so other work (stop, cancel, HTTP) gets the event loop. */
  readonly yieldToEventLoop?: () => Promise<void>;
}

export interface DriverProgress {
  /** Positions read by the source. */
  readonly rows_processed: number;
  readonly rows_total: number | null;
  /** Pages emitted by the source. */
  readonly pages: number;
}

export interface DriverSnapshot {
  readonly collected: readonly Page[];
  /** `after` indexes `operators` (source = 0): the snapshot goes through operators after it. */
  readonly pending: { readonly after: number; readonly pages: readonly Page[] } | null;
}

/** The injected default yield: a macrotask, so I/O callbacks queued meanwhile run first. */
const setImmediateYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Event-loop time the CPU-bound drivers of this process share per turn, and the shortest slice. */
const TURN_BUDGET_MS = 5;
const MIN_SLICE_MS = 1;

/** Drivers awaiting their yield: they all run their next slice in the coming event-loop turn. */
let driversWaitingToRun = 0;

/**
 * The default slice: every CPU-bound driver queues its next slice behind the same setImmediate turn, so
 * with N of them a turn lasts N slices and a stop request waits that long before it is even read. Sharing
 * one budget per turn keeps a turn near TURN_BUDGET_MS however many queries run (one query alone keeps
 * its full 10 ms slice, so its throughput is unchanged).
 */
export function sharedSliceMs(): number {
  return Math.max(MIN_SLICE_MS, TURN_BUDGET_MS / (driversWaitingToRun + 1));
}

/** Consecutive iterations without progress (and nothing blocked) before we call it a bug. */
const MAX_STALLED_ITERATIONS = 10_000;

type SliceResult = 'done' | 'yield' | Promise<void>;

/**
 * Runs source -> operators and collects the last operator's pages in `output` (ES Driver). Work is
 * done in time slices of `sliceMs`; between slices the driver awaits the injected yield, so a stop or
 * a cancel arriving on the event loop is seen within one slice.
 *
 * - Cancel: `ctx.signal` aborts -> run() rejects with the signal's reason; every operator is closed.
 * - Stop: `finishEarly()` asks each operator to finish early and records whether live work was cut;
 *   the normal finish cascade then runs, so STATS / SORT / LIMIT emit over the rows seen.
 * - When an operator finishes, everything upstream of it is closed (LIMIT ends the scan).
 */
export class Driver {
  /** Pages produced by the last operator, in order. Reserved against ctx.blockFactory. */
  readonly output: Page[] = [];
  private readonly chain: readonly Operator[];
  private readonly finishCalled: boolean[];
  private readonly closed: boolean[];
  private first = 0;
  private sourcePages = 0;
  private outputBytes = 0;
  private cut = false;
  private started = false;
  private wake: (() => void) | null = null;
  private readonly sliceMs: () => number;
  private readonly yieldToEventLoop: () => Promise<void>;
  /** The factories the operators came from (Driver.create), to keep their hidden classes warm. */
  private factories: readonly OperatorFactory[] = [];

  constructor(
    readonly ctx: DriverContext,
    readonly source: SourceOperator,
    operators: readonly Operator[],
    options: DriverOptions = {},
  ) {
    this.chain = [source, ...operators];
    this.finishCalled = this.chain.map(() => false);
    this.closed = this.chain.map(() => false);
    const sliceMs = options.sliceMs ?? sharedSliceMs;
    this.sliceMs = typeof sliceMs === 'number' ? () => sliceMs : sliceMs;
    this.yieldToEventLoop = options.yieldToEventLoop ?? setImmediateYield;
  }

  static create(
    ctx: DriverContext,
    source: SourceOperatorFactory,
    operators: readonly OperatorFactory[],
    options?: DriverOptions,
  ): Driver {
    const driver = new Driver(
      ctx,
      source.get(ctx),
      operators.map((f) => f.get(ctx)),
      options,
    );
    driver.factories = operators;
    return driver;
  }

  /** Source first, then the operators in pipeline order (e.g. to snapshot a STATS for previews). */
  get operators(): readonly Operator[] {
    return this.chain;
  }

  /** True once a finishEarly() actually cut live work (drives `is_partial`). */
  get wasCut(): boolean {
    return this.cut;
  }

  progress(): DriverProgress {
    const p = this.source.progress();
    return { rows_processed: p.positionsRead, rows_total: p.positionsTotal, pages: this.sourcePages };
  }

  /**
   * Live previews and hard stop: what the pipeline holds right now, without disturbing it. `collected`
   * are the output pages so far; `pending` is the snapshot of the first operator that holds rows until
   * finish and has not started emitting (`previewOutput()`): nothing has gone past it yet, so the
   * operators after it are still empty. It comes with its position in `operators`, so the caller can
   * run it through fresh copies of the operators after it (the live ones must not see it).
   */
  snapshot(): DriverSnapshot {
    const collected = this.output.slice();
    for (let i = this.first; i < this.chain.length; i++) {
      const op = this.chain[i];
      if (this.closed[i] || op.previewOutput === undefined) continue;
      const pages = op.previewOutput();
      // Null: this one is already emitting; what is left of the rows sits further down.
      if (pages !== null) return { collected, pending: { after: i, pages } };
    }
    return { collected, pending: null };
  }

  /** Stop: may be called before, during or after run(). */
  finishEarly(): void {
    for (let i = 0; i < this.chain.length; i++) {
      if (this.closed[i]) continue;
      const op = this.chain[i];
      if (op.finishEarly !== undefined && op.finishEarly()) this.cut = true;
    }
    this.wake?.();
  }

  async run(): Promise<void> {
    if (this.started) throw new Error('Driver.run() called twice');
    this.started = true;
    try {
      for (;;) {
        this.throwIfAborted();
        const r = this.runSlice();
        if (r === 'done') break;
        if (r === 'yield') await this.yieldCounted();
        else await this.waitFor(r);
      }
    } catch (e) {
      try {
        this.closeAll();
      } catch {
        // The run's own failure is the one to report; a close() failing after it adds nothing.
      }
      this.releaseOutput();
      throw e;
    }
    this.closeAll();
    // A pipeline that moved many pages has hot optimised code worth keeping across a GC: the
    // operators' hidden classes, and the driver's own (a driver over an empty source pins no data).
    if (this.sourcePages > 1) {
      keepOperatorShapes(this.factories, this.ctx);
      keepShape(new Driver(this.ctx, new IndexSourceOperator([], []), []));
    }
  }

  /** Give back the bytes reserved for `output` (once the caller has consumed it). */
  releaseOutput(): void {
    this.ctx.blockFactory.release(this.outputBytes);
    this.outputBytes = 0;
  }

  toString(): string {
    return `Driver[${this.chain.map((o) => o.toString()).join(' -> ')}]`;
  }

  /** Yields, counted in `driversWaitingToRun` meanwhile (the shared slice budget reads it). */
  private async yieldCounted(): Promise<void> {
    driversWaitingToRun++;
    try {
      await this.yieldToEventLoop();
    } finally {
      driversWaitingToRun--;
    }
  }

  private throwIfAborted(): void {
    if (this.ctx.signal.aborted) throw this.ctx.signal.reason as Error;
  }

  private runSlice(): SliceResult {
    const deadline = performance.now() + this.sliceMs();
    let stalled = 0;
    do {
      const r = this.iterate();
      if (r === true) stalled = 0;
      else if (r === false) {
        if (++stalled > MAX_STALLED_ITERATIONS) throw new Error(`driver made no progress: ${this.toString()}`);
      } else return r;
    } while (performance.now() < deadline);
    return 'yield';
  }

  /** One pass over the pipeline: true if something moved, 'done', or a promise to await when all is blocked. */
  private iterate(): boolean | 'done' | Promise<void> {
    const chain = this.chain;
    const last = chain.length - 1;
    let moved = false;
    for (let i = this.first; i < last; i++) {
      const op = chain[i];
      const next = chain[i + 1];
      if (op.isBlocked !== undefined && op.isBlocked() !== null) continue;
      if (!op.isFinished() && next.needsInput()) {
        const page = op.getOutput();
        if (page !== null) {
          if (i === 0) this.sourcePages++;
          if (page.positionCount > 0) next.addInput(page);
          moved = true;
        }
      }
      if (op.isFinished() && !this.finishCalled[i + 1]) {
        this.finishCalled[i + 1] = true;
        next.finish();
        moved = true;
      }
    }
    if (this.collectOutput()) moved = true;
    for (let k = last; k >= this.first; k--) {
      if (!chain[k].isFinished()) continue;
      if (k === last) return 'done';
      for (let j = this.first; j <= k; j++) this.closeOperator(j);
      this.first = k + 1;
      if (!this.finishCalled[this.first]) {
        this.finishCalled[this.first] = true;
        chain[this.first].finish();
      }
      moved = true;
      break;
    }
    if (moved) return true;
    const blocked = this.blockedPromises();
    return blocked.length === 0 ? false : Promise.race(blocked);
  }

  private collectOutput(): boolean {
    const last = this.chain[this.chain.length - 1];
    if (last.isBlocked !== undefined && last.isBlocked() !== null) return false;
    const page = last.getOutput();
    if (page === null) return false;
    if (this.chain.length === 1) this.sourcePages++;
    if (page.positionCount === 0) return true;
    const bytes = pageBytes(page);
    this.ctx.blockFactory.reserve(bytes);
    this.outputBytes += bytes;
    this.output.push(page);
    return true;
  }

  private blockedPromises(): Promise<void>[] {
    const out: Promise<void>[] = [];
    for (let i = this.first; i < this.chain.length; i++) {
      const p = this.chain[i].isBlocked?.() ?? null;
      if (p !== null) out.push(p);
    }
    return out;
  }

  /** Await `blocked`, but wake up at once on abort (reject) or finishEarly (resolve). */
  private waitFor(blocked: Promise<void>): Promise<void> {
    const signal = this.ctx.signal;
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const cleanup = () => {
        signal.removeEventListener('abort', onAbort);
        this.wake = null;
      };
      const onAbort = () => {
        cleanup();
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.wake = () => {
        cleanup();
        resolve();
      };
      blocked.then(
        () => {
          cleanup();
          resolve();
        },
        (e: unknown) => {
          cleanup();
          reject((signal.aborted ? signal.reason : e) as Error);
        },
      );
    });
  }

  private closeOperator(i: number): void {
    if (this.closed[i]) return;
    this.closed[i] = true;
    this.chain[i].close();
  }

  /** Close every operator exactly once; a failing close() does not keep the others open. */
  private closeAll(): void {
    let firstError: unknown = null;
    for (let i = 0; i < this.chain.length; i++) {
      try {
        this.closeOperator(i);
      } catch (e) {
        firstError ??= e;
      }
    }
    if (firstError !== null) throw firstError as Error;
  }
}
