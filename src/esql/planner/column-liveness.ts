import type { PlanStep } from '../analyzer/plan-step.js';
import { channelsOf } from '../analyzer/resolved-expression.js';

/**
 * Which channels each step's input must carry, computed backwards from the query's output (the
 * planner's projection pushdown). `live[i]` is the set of input channels step i (or a later step, or
 * the output) reads; `live[0]` is therefore what the source must load. `null` for a step means
 * "everything" (no pruning). Over-approximations are safe: a channel kept live that nobody reads only
 * costs the load; a channel wrongly declared dead would be read as nulls, so unknown steps keep all.
 *
 * Row-preserving steps that append columns (EVAL, DISSECT/GROK, DELAY) pass the live set through
 * unchanged: the channels they add are >= their input's width, so carrying them backwards names no
 * real input column (a FROM ignores channels past its width, a KEEP maps them to nothing).
 */
export function liveChannelsPerStep(steps: readonly PlanStep[], outputWidth: number): (ReadonlySet<number> | null)[] {
  const live: (ReadonlySet<number> | null)[] = new Array<ReadonlySet<number> | null>(steps.length).fill(null);
  let after: Set<number> | null = new Set(range(outputWidth));
  for (let i = steps.length - 1; i >= 1; i--) {
    after = inputOf(steps[i], after);
    live[i] = after === null ? null : new Set(after);
  }
  // The source step has no input: its entry is what it must produce.
  live[0] = after;
  return live;
}

/** The input channels `step` needs, given the channels read after it (`null`: all). */
function inputOf(step: PlanStep, after: Set<number> | null): Set<number> | null {
  switch (step.kind) {
    case 'stats': {
      // STATS replaces the layout: only its group keys and aggregate inputs are read.
      const s = new Set<number>();
      for (const g of step.groups) s.add(g.channel);
      for (const a of step.aggregates) {
        for (const c of a.inputChannels) s.add(c);
        if (a.filterChannel !== null) s.add(a.filterChannel);
      }
      return s;
    }
    case 'project': {
      if (after === null) return new Set(step.channels);
      const s = new Set<number>();
      for (const c of after) {
        const from = step.channels[c];
        if (from !== undefined) s.add(from);
      }
      return s;
    }
    case 'where':
      return withAll(after, channelsOf(step.condition));
    case 'eval': {
      const used: number[] = [];
      for (const e of step.exprs) channelsOf(e, used);
      return withAll(after, used);
    }
    case 'sort':
      return withAll(
        after,
        step.keys.map((k) => k.channel),
      );
    case 'mv_expand':
    case 'extract':
      return withAll(after, [step.channel]);
    case 'limit':
    case 'delay':
      return after;
    default:
      return null;
  }
}

function withAll(after: Set<number> | null, channels: readonly number[]): Set<number> | null {
  if (after === null) return null;
  const s = new Set(after);
  for (const c of channels) s.add(c);
  return s;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
