import type { DataType } from '../../compute/data-type.js';
import type { ColumnInfo } from '../query-engine.js';
import type { PlanStep } from './plan-step.js';
import type { ResolvedExpression } from './resolved-expression.js';

/** Appends plan steps while tracking the Layout each one produces. */
export class PlanBuilder {
  readonly steps: PlanStep[] = [];
  layout: ColumnInfo[] = [];

  add(step: PlanStep, layout?: ColumnInfo[]): void {
    this.steps.push(step);
    if (layout !== undefined) this.layout = layout;
  }

  /** Appends one column per expression (each expression may read the ones before it). */
  eval(columns: readonly { name: string; expr: ResolvedExpression }[]): void {
    if (columns.length === 0) return;
    const last = this.steps[this.steps.length - 1];
    const exprs = columns.map((c) => c.expr);
    if (last !== undefined && last.kind === 'eval') this.steps[this.steps.length - 1] = { kind: 'eval', exprs: [...last.exprs, ...exprs] };
    else this.steps.push({ kind: 'eval', exprs });
    this.layout = [...this.layout, ...columns.map((c) => ({ name: c.name, type: blockType(c.expr) }))];
  }

  /** Keeps `channels` in that order; skipped when it would change nothing. */
  project(channels: readonly number[], names?: readonly string[]): void {
    const identity = channels.length === this.layout.length && channels.every((c, i) => c === i);
    const layout = channels.map((c, i) => ({ name: names?.[i] ?? this.layout[c].name, type: this.layout[c].type }));
    if (identity) {
      this.layout = layout;
      return;
    }
    this.steps.push({ kind: 'project', channels });
    this.layout = layout;
  }

  /**
   * Drops every column whose name reappears at a later channel `>= from` (EVAL re-assignments: last
   * wins). Duplicates that were already there before `from` are left alone.
   */
  dropShadowed(from = 0): void {
    const keep: number[] = [];
    for (let c = 0; c < this.layout.length; c++) {
      const name = this.layout[c].name;
      let shadowed = false;
      for (let later = Math.max(c + 1, from); later < this.layout.length && !shadowed; later++) {
        shadowed = this.layout[later].name === name;
      }
      if (!shadowed) keep.push(c);
    }
    this.project(keep);
  }
}

/** Time spans cannot be stored in a column; everything else maps to itself. */
export function blockType(e: ResolvedExpression): DataType {
  return e.type === 'date_period' || e.type === 'time_duration' ? 'null' : e.type;
}
