import { EsError, parsingException, verificationException } from '../../src/errors.js';
import type {
  ColumnInfo,
  EngineResult,
  ExecuteOptions,
  PrepareOptions,
  PreparedQuery,
  QueryEngine,
  QueryExecution,
  QueryProgress,
  Value,
} from '../../src/esql/query-engine.js';

/**
 * A QueryEngine whose executions the test drives by hand: `emit` rows, `complete`, `fail`. It honours
 * the port contract: `finishEarly()` drains (resolves with the rows seen, `isPartial: true`) unless
 * `drainOnStop` is off (a stuck pipeline), and an aborted signal rejects the result.
 *
 * Query text conventions: `BAD ...` throws a parsing_exception from prepare, `UNKNOWN ...` a
 * verification_exception; `EXPLODE ...` prepares but throws from execute(); anything else runs.
 */
export class FakeQueryEngine implements QueryEngine {
  readonly executions: FakeExecution[] = [];
  readonly prepared: { query: string; options?: PrepareOptions }[] = [];
  drainOnStop = true;

  prepare(query: string, options?: PrepareOptions): PreparedQuery {
    if (query.startsWith('BAD')) throw parsingException("line 1:1: mismatched input 'BAD'");
    if (query.startsWith('UNKNOWN')) throw verificationException(['line 1:1: Unknown index [nope]']);
    this.prepared.push({ query, options });
    const columns: ColumnInfo[] = [{ name: 'x', type: 'long' }];
    return {
      columns,
      execute: (opts) => {
        if (query.startsWith('EXPLODE')) throw new EsError('illegal_argument_exception', 'cannot plan [EXPLODE]');
        const e = new FakeExecution(query, columns, opts, () => this.drainOnStop);
        this.executions.push(e);
        return e;
      },
    };
  }

  /** The execution of the n-th started query (0-based). */
  execution(n: number): FakeExecution {
    const e = this.executions[n];
    if (e === undefined) throw new Error(`no execution #${n} (started: ${this.executions.length})`);
    return e;
  }

  get last(): FakeExecution {
    return this.execution(this.executions.length - 1);
  }
}

export class FakeExecution implements QueryExecution {
  readonly result: Promise<EngineResult>;
  finishEarlyCalls = 0;
  private readonly rows: Value[][] = [];
  private pages = 0;
  private settled = false;
  private resolveResult!: (r: EngineResult) => void;
  private rejectResult!: (e: unknown) => void;

  constructor(
    readonly query: string,
    private readonly columns: ColumnInfo[],
    readonly options: ExecuteOptions,
    private readonly drainOnStop: () => boolean,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    options.signal.addEventListener('abort', () => this.settle(() => this.rejectResult(options.signal.reason)));
  }

  get aborted(): boolean {
    return this.options.signal.aborted;
  }

  get isSettled(): boolean {
    return this.settled;
  }

  /** One page of `n` rows, values counting up. */
  emit(n: number): void {
    for (let i = 0; i < n; i++) this.rows.push([this.rows.length]);
    this.pages++;
  }

  complete(): void {
    this.settle(() => this.resolveResult(this.resultOf(false)));
  }

  fail(error: unknown): void {
    this.settle(() => this.rejectResult(error));
  }

  finishEarly(): void {
    this.finishEarlyCalls++;
    if (this.drainOnStop()) this.settle(() => this.resolveResult(this.resultOf(true)));
  }

  progress(): QueryProgress {
    return { rows_processed: this.rows.length, rows_total: 1000, pages: this.pages };
  }

  private resultOf(isPartial: boolean): EngineResult {
    return {
      columns: this.columns,
      values: this.rows.map((r) => [...r]),
      isPartial,
      documentsFound: this.rows.length,
      valuesLoaded: this.rows.length,
      warnings: [],
    };
  }

  private settle(action: () => void): void {
    if (this.settled) return;
    this.settled = true;
    action();
  }
}
