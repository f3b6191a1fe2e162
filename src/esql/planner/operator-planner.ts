import type { Block } from '../../compute/block.js';
import { DelayOperatorFactory } from '../../compute/delay-operator.js';
import { EvalOperatorFactory } from '../../compute/eval-operator.js';
import { FilterOperatorFactory } from '../../compute/filter-operator.js';
import { type AggregatorFactorySpec, HashAggregationOperatorFactory } from '../../compute/hash-aggregation-operator.js';
import { IndexSourceOperatorFactory } from '../../compute/index-source-operator.js';
import { LimitOperatorFactory } from '../../compute/limit-operator.js';
import { LocalSourceOperatorFactory } from '../../compute/local-source-operator.js';
import { MvExpandOperatorFactory } from '../../compute/mv-expand-operator.js';
import type { OperatorFactory, SourceOperatorFactory } from '../../compute/operator.js';
import { ProjectOperatorFactory } from '../../compute/project-operator.js';
import type { SortKey } from '../../compute/sort-buffer.js';
import { SortOperatorFactory } from '../../compute/sort-operator.js';
import { TopNOperatorFactory } from '../../compute/top-n-operator.js';
import type { AggregateSpec, AnalyzedQuery, PlanStep } from '../analyzer/plan-step.js';
import { type CompileContext, compileExpression } from '../expressions/expression-compiler.js';
import { constantBlock } from '../expressions/literal-evaluator.js';
import { extractEvaluators } from '../expressions/extract-evaluators.js';
import { liveChannelsPerStep } from './column-liveness.js';
import { MetadataSourceOperatorFactory } from './metadata-source-operator.js';

/** The operator factories of one execution: a source, then the chain after it. */
export interface PhysicalPlan {
  readonly source: SourceOperatorFactory;
  readonly operators: readonly OperatorFactory[];
}

/**
 * Maps analyzed steps to operator factories. Evaluators are compiled here, bound to the execution's
 * Warnings. `SORT ... | LIMIT n` (with only row-preserving steps between them) becomes one TopN.
 */
export function planOperators(query: AnalyzedQuery, ctx: CompileContext): PhysicalPlan {
  // Liveness is computed on the analyzed steps; fuseTopN keeps their objects, so a Map finds them again.
  const liveList = liveChannelsPerStep(query.steps, query.columns.length);
  // What each step's output must carry: the next step's input, or the whole query output after the last.
  const liveAfter = new Map<PlanStep, ReadonlySet<number> | null>(
    query.steps.map((s, i) => [s, i + 1 < liveList.length ? liveList[i + 1] : null]),
  );
  const steps = fuseTopN(query.steps);
  const [first, ...rest] = steps;
  return {
    source: sourceFactory(first, liveList[0] ?? null),
    operators: rest.map((s) => operatorFactory(s, ctx, isPlanStep(s) ? (liveAfter.get(s) ?? null) : null)),
  };
}

const isPlanStep = (s: PhysicalStep): s is PlanStep => s.kind !== 'topn';

type PhysicalStep = PlanStep | { readonly kind: 'topn'; readonly keys: SortKey[]; readonly count: number };

/** Steps that keep every row and its order, so a LIMIT after them can move before them. */
const ROW_PRESERVING = new Set<PlanStep['kind']>(['project', 'eval', 'extract']);

/** SORT then LIMIT, with only row-preserving steps (EVAL, KEEP, GROK, ...) in between -> TopN. */
function fuseTopN(steps: readonly PlanStep[]): PhysicalStep[] {
  const out: PhysicalStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind !== 'sort') {
      out.push(s);
      continue;
    }
    let j = i + 1;
    while (j < steps.length && ROW_PRESERVING.has(steps[j].kind)) j++;
    const limit = steps[j];
    if (limit === undefined || limit.kind !== 'limit') {
      out.push(s);
      continue;
    }
    out.push({ kind: 'topn', keys: [...s.keys], count: limit.count });
    for (let k = i + 1; k < j; k++) out.push(steps[k]);
    i = j;
  }
  return out;
}

function sourceFactory(step: PhysicalStep | undefined, live: ReadonlySet<number> | null): SourceOperatorFactory {
  if (step === undefined) throw new Error('a plan starts with a source step');
  switch (step.kind) {
    case 'from': {
      const types = step.inputs.length === 0 ? [] : step.inputs[0].columns.map((_, c) => columnType(step, c));
      const inputs = pruneColumns(step.inputs, live);
      if (step.metadata.length > 0) return new MetadataSourceOperatorFactory(inputs, types, step.metadata);
      return new IndexSourceOperatorFactory(inputs, types);
    }
    case 'row':
      return new LocalSourceOperatorFactory([{ positionCount: 1, blocks: [] }]);
    case 'show': {
      const blocks: Block[] = step.row.map((v) => constantBlock('keyword', v, 1));
      return new LocalSourceOperatorFactory([{ positionCount: 1, blocks }]);
    }
    default:
      throw new Error(`a plan starts with a source step, not ${step.kind}`);
  }
}

/**
 * Projection pushdown: a column no later step reads is not loaded. Its channel stays (so no channel
 * of the plan moves) but is fed a null block, as for an index lacking the field; the type comes from
 * the unpruned inputs, so the layout is unchanged and `values_loaded` counts only what is read.
 */
function pruneColumns(inputs: FromInputs, live: ReadonlySet<number> | null): FromInputs {
  if (live === null) return inputs;
  return inputs.map((i) => ({ index: i.index, columns: i.columns.map((col, c) => (live.has(c) ? col : null)) }));
}

type FromInputs = Extract<PlanStep, { kind: 'from' }>['inputs'];

/** The type of output channel c: the first index that has the field decides (the analyzer checked they agree). */
function columnType(step: Extract<PlanStep, { kind: 'from' }>, c: number) {
  for (const input of step.inputs) {
    const col = input.columns[c];
    if (col !== null) return input.index.columns[col].type;
  }
  return 'null' as const;
}

function operatorFactory(step: PhysicalStep, ctx: CompileContext, live: ReadonlySet<number> | null): OperatorFactory {
  switch (step.kind) {
    case 'eval':
      return new EvalOperatorFactory(step.exprs.map((e) => compileExpression(e, ctx)));
    case 'where':
      return new FilterOperatorFactory(compileExpression(step.condition, ctx), live);
    case 'project':
      return new ProjectOperatorFactory(step.channels);
    case 'limit':
      return new LimitOperatorFactory(step.count);
    case 'sort':
      return new SortOperatorFactory(step.keys);
    case 'topn':
      return new TopNOperatorFactory(step.keys, step.count);
    case 'mv_expand':
      return new MvExpandOperatorFactory(step.channel);
    case 'delay':
      return new DelayOperatorFactory(step.ms);
    case 'extract':
      return new EvalOperatorFactory(extractEvaluators(step.extractor, step.channel));
    case 'stats':
      return new HashAggregationOperatorFactory(
        step.groups,
        step.aggregates.map((a) => aggregatorFactory(a, ctx)),
      );
    default:
      throw new Error(`${step.kind} can only start a plan`);
  }
}

function aggregatorFactory(a: AggregateSpec, ctx: CompileContext): AggregatorFactorySpec {
  const fctx = { source: a.source, warnings: ctx.warnings, nowMs: ctx.nowMs };
  const spec = {
    create: () => a.def.aggregator(a.info, fctx),
    inputChannels: a.inputChannels,
    name: a.source.text,
  };
  return a.filterChannel === null ? spec : { ...spec, filterChannel: a.filterChannel };
}
