import { Driver } from '../compute/driver.js';
import { IndexSourceOperator } from '../compute/index-source-operator.js';
import type { DriverContext } from '../compute/operator.js';
import type { Catalog } from '../storage/catalog.js';
import { analyze } from './analyzer/analyzer.js';
import type { AnalyzedQuery } from './analyzer/plan-step.js';
import { parse } from './parser.js';
import { MetadataSourceOperator } from './planner/metadata-source-operator.js';
import { planOperators } from './planner/operator-planner.js';
import type {
  EngineResult,
  ExecuteOptions,
  PreparedQuery,
  PrepareOptions,
  QueryEngine,
  QueryExecution,
  QueryProgress,
} from './query-engine.js';
import { pagesToRows } from './result-values.js';
import { Warnings } from './warnings.js';

export interface EsqlEngineOptions {
  /** `--test-functions`: enables snapshot-only functions such as DELAY. */
  readonly testFunctions?: boolean;
}

/** Parses, analyzes and plans ES|QL against a Catalog; executions run on a time-sliced Driver. */
export class EsqlEngine implements QueryEngine {
  constructor(
    private readonly catalog: Catalog,
    private readonly options: EsqlEngineOptions = {},
  ) {}

  prepare(query: string, options: PrepareOptions = {}): PreparedQuery {
    const ast = parse(query, options.params);
    const nowMs = options.nowMs ?? Date.now();
    const analyzed = analyze(ast, this.catalog, { testFunctions: this.options.testFunctions === true, nowMs });
    // Plan once now so planning failures surface from prepare(), not from a running query.
    planOperators(analyzed, { warnings: new Warnings(), nowMs });
    return new EsqlPreparedQuery(analyzed, nowMs);
  }
}

class EsqlPreparedQuery implements PreparedQuery {
  constructor(
    private readonly analyzed: AnalyzedQuery,
    private readonly nowMs: number,
  ) {}

  get columns() {
    return this.analyzed.columns;
  }

  execute(options: ExecuteOptions): QueryExecution {
    const warnings = new Warnings();
    for (const w of this.analyzed.warnings) warnings.add(w);
    const physical = planOperators(this.analyzed, { warnings, nowMs: this.nowMs });
    const ctx: DriverContext = { signal: options.signal, blockFactory: options.blockFactory, sleep };
    const driverOptions = {
      ...(options.sliceMs === undefined ? {} : { sliceMs: options.sliceMs }),
      ...(options.yieldToEventLoop === undefined ? {} : { yieldToEventLoop: options.yieldToEventLoop }),
    };
    const driver = Driver.create(ctx, physical.source, physical.operators, driverOptions);
    const columns = this.analyzed.columns;
    // Start on a microtask so execute() returns (and finishEarly/progress are reachable) before the first slice runs.
    const result = Promise.resolve()
      .then(() => driver.run())
      .then((): EngineResult => {
      const values = pagesToRows(driver.output, columns.length);
      driver.releaseOutput();
      const source = driver.source;
      const fromIndex = source instanceof IndexSourceOperator || source instanceof MetadataSourceOperator;
      return {
        columns,
        values,
        isPartial: driver.wasCut,
        documentsFound: fromIndex ? source.documentsFound() : 0,
        valuesLoaded: fromIndex ? source.valuesLoaded() : 0,
        warnings: warnings.list(),
      };
    });
    return {
      result,
      finishEarly: () => driver.finishEarly(),
      progress: (): QueryProgress => driver.progress(),
    };
  }
}

/** Timers live at the edge: the default sleep for DELAY, cancelled by the query's signal. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The signal's reason as thrown by the driver on cancel (an EsError in practice). */
const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
