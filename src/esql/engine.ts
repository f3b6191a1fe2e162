import { Driver } from '../compute/driver.js';
import { IndexSourceOperator } from '../compute/index-source-operator.js';
import { runDetached } from '../compute/detached-pipeline.js';
import type { DriverContext, OperatorFactory } from '../compute/operator.js';
import { EsError } from '../errors.js';
import type { Catalog } from '../storage/catalog.js';
import { analyze } from './analyzer/analyzer.js';
import type { AnalyzedQuery } from './analyzer/plan-step.js';
import { AnalysisCache } from './analysis-cache.js';
import { ParseCache } from './parse-cache.js';
import { MetadataSourceOperator } from './planner/metadata-source-operator.js';
import { planOperators, type PhysicalPlan } from './planner/operator-planner.js';
import type {
  EngineResult,
  ExecuteOptions,
  PreparedQuery,
  PrepareOptions,
  QueryEngine,
  QueryExecution,
  QueryProgress,
  Value,
} from './query-engine.js';
import { pagesToRows } from './result-values.js';
import { Warnings } from './warnings.js';

export interface EsqlEngineOptions {
  /** `--test-functions`: enables snapshot-only functions such as DELAY. */
  readonly testFunctions?: boolean;
  /**
   * Syntax trees to share with other engines: short-lived engines over a fresh catalog (the
   * coordinator's merge of a split query) would otherwise parse the same text every time.
   */
  readonly parseCache?: ParseCache;
}

/** Parses, analyzes and plans ES|QL against a Catalog; executions run on a time-sliced Driver. */
export class EsqlEngine implements QueryEngine {
  private readonly parsed = new ParseCache();
  private readonly analyses = new AnalysisCache();

  constructor(
    private readonly catalog: Catalog,
    private readonly options: EsqlEngineOptions = {},
  ) {}

  prepare(query: string, options: PrepareOptions = {}): PreparedQuery {
    const nowMs = options.nowMs ?? Date.now();
    const generation = this.catalog.generation;
    let analyzed = this.analyses.get(query, options.params, generation);
    if (analyzed === undefined) {
      const ast = this.parsed.parse(query, options.params);
      analyzed = analyze(ast, this.catalog, { testFunctions: this.options.testFunctions === true, nowMs });
      this.analyses.set(query, options.params, generation, ast, analyzed);
    }
    // Plan once now so planning failures surface from prepare(), not from a running query; the first
    // execution runs this plan. Plans are never shared: operators keep per-execution state.
    return new EsqlPreparedQuery(analyzed, nowMs, planFor(analyzed, nowMs));
  }
}

/** A physical plan and the Warnings its evaluators report to (the analyzer's warnings first). */
interface ExecutionPlan {
  readonly physical: PhysicalPlan;
  readonly warnings: Warnings;
}

function planFor(analyzed: AnalyzedQuery, nowMs: number): ExecutionPlan {
  const warnings = new Warnings();
  for (const w of analyzed.warnings) warnings.add(w);
  return { physical: planOperators(analyzed, { warnings, nowMs }), warnings };
}

class EsqlPreparedQuery implements PreparedQuery {
  constructor(
    private readonly analyzed: AnalyzedQuery,
    private readonly nowMs: number,
    /** The plan made by prepare(), until an execution takes it: operators are per execution. */
    private unusedPlan: ExecutionPlan | undefined,
  ) {}

  get columns() {
    return this.analyzed.columns;
  }

  execute(options: ExecuteOptions): QueryExecution {
    const { physical, warnings } = this.unusedPlan ?? planFor(this.analyzed, this.nowMs);
    this.unusedPlan = undefined;
    const ctx: DriverContext = { signal: options.signal, blockFactory: options.blockFactory, sleep: options.sleep };
    const driverOptions = {
      ...(options.sliceMs === undefined ? {} : { sliceMs: options.sliceMs }),
      ...(options.yieldToEventLoop === undefined ? {} : { yieldToEventLoop: options.yieldToEventLoop }),
    };
    const driver = Driver.create(ctx, physical.source, physical.operators, driverOptions);
    const columns = this.analyzed.columns;
    let settled = false;
    const counts = () => {
      const source = driver.source;
      const fromIndex = source instanceof IndexSourceOperator || source instanceof MetadataSourceOperator;
      return {
        documentsFound: fromIndex ? source.documentsFound() : 0,
        valuesLoaded: fromIndex ? source.valuesLoaded() : 0,
      };
    };
    // Start on a microtask so execute() returns (and finishEarly/progress are reachable) before the first slice runs.
    const result = Promise.resolve()
      .then(() => driver.run())
      .then(
        (): EngineResult => {
          settled = true;
          const values = pagesToRows(driver.output, columns.length);
          driver.releaseOutput();
          return { columns, values, isPartial: driver.wasCut, ...counts(), warnings: warnings.list() };
        },
        (e: unknown) => {
          settled = true;
          throw e;
        },
      );
    const snapshot = new PipelineSnapshot(this.analyzed, this.nowMs, ctx, driver);
    const partial = (values: Value[][]): EngineResult => ({ columns, values, isPartial: true, ...counts(), warnings: warnings.list() });
    return {
      result,
      finishEarly: () => driver.finishEarly(),
      progress: (): QueryProgress => driver.progress(),
      preview: () => {
        if (settled) return undefined;
        const values = snapshot.rows();
        return values === undefined ? undefined : partial(values);
      },
      // Not gated on `settled`: once the run is over every operator is closed and the snapshot is the output.
      hardStop: () => partial(snapshot.rows() ?? []),
    };
  }
}

/**
 * What a stop would return at this moment: the driver's collected pages plus the snapshot of the first
 * STATS / SORT / TopN still gathering rows, run through fresh copies of the operators after it (e.g.
 * the SORT | LIMIT | EVAL after a STATS; the live ones never see it). Those copies come from a
 * second plan, made on the first preview only, with its own Warnings: a preview must not add warnings
 * (or anything else) to the live query.
 */
class PipelineSnapshot {
  private downstream: readonly OperatorFactory[] | undefined;

  constructor(
    private readonly analyzed: AnalyzedQuery,
    private readonly nowMs: number,
    private readonly ctx: DriverContext,
    private readonly driver: Driver,
  ) {}

  rows(): Value[][] | undefined {
    const columnCount = this.analyzed.columns.length;
    const { collected, pending } = this.driver.snapshot();
    if (pending === null) return pagesToRows(collected, columnCount);
    this.downstream ??= planOperators(this.analyzed, { warnings: new Warnings(), nowMs: this.nowMs }).operators;
    try {
      const tail = runDetached(this.ctx, this.downstream.slice(pending.after), pending.pages);
      return tail === null ? undefined : pagesToRows([...collected, ...tail], columnCount);
    } catch (e) {
      // A preview that runs out of memory is skipped; the live query, not the preview, owns the budget.
      if (e instanceof EsError && e.type === 'circuit_breaking_exception') return undefined;
      throw e;
    }
  }
}
