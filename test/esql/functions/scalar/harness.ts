import type { Block } from '../../../../src/compute/block.js';
import type { DataType } from '../../../../src/compute/data-type.js';
import { type Page, page } from '../../../../src/compute/page.js';
import type { LiteralScalar } from '../../../../src/esql/ast.js';
import type { ArgInfo, FunctionDefinition, ScalarFunctionDefinition } from '../../../../src/esql/functions/function-definition.js';
import { lookupFunction } from '../../../../src/esql/functions/registry.js';
import { MultiValueBuilder, type Value } from '../../../../src/esql/functions/scalar/support/output-builders.js';
import { Warnings } from '../../../../src/esql/warnings.js';

export type Cell = Value | boolean | null | readonly (Value | boolean)[];

/** A Block of `type` from one cell per position: null, a value, or a list (a multi-value). */
export function block(type: DataType, cells: readonly Cell[]): Block {
  const b = new MultiValueBuilder(type, cells.length);
  for (const c of cells) {
    const values: readonly (Value | boolean)[] = c === null ? [] : Array.isArray(c) ? c : [c as Value | boolean];
    for (const v of values) b.append(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    b.endPosition();
  }
  return b.build();
}

/** Reads a Block back into cells (booleans as true/false), the inverse of `block`. */
export function cells(b: Block): Cell[] {
  const out: Cell[] = [];
  const vals = b.values as unknown as ArrayLike<Value> | null;
  for (let p = 0; p < b.positionCount; p++) {
    if (vals === null || (b.nulls !== undefined && b.nulls[p] === 1)) {
      out.push(null);
      continue;
    }
    const f = b.firstValueIndexes;
    const start = f === undefined ? p : f[p];
    const end = f === undefined ? p + 1 : f[p + 1];
    const vs: (Value | boolean)[] = [];
    for (let i = start; i < end; i++) vs.push(b.type === 'boolean' ? vals[i] === 1 : vals[i]);
    out.push(vs.length === 0 ? null : vs.length === 1 ? vs[0] : vs);
  }
  return out;
}

export interface Arg {
  readonly type: DataType | 'time_duration' | 'date_period';
  readonly cells?: readonly Cell[];
  /** Marks the argument foldable with this constant value. */
  readonly constant?: LiteralScalar | readonly LiteralScalar[];
  readonly text?: string;
}

export const SOURCE = { line: 1, column: 10, text: 'f(x)' };

export function def(name: string): ScalarFunctionDefinition {
  const d: FunctionDefinition | undefined = lookupFunction(name, { testFunctions: true });
  if (d === undefined || d.kind !== 'scalar') throw new Error(`no scalar function ${name}`);
  return d;
}

export function info(args: readonly Arg[]): ArgInfo[] {
  return args.map((a, i) => ({
    type: a.type,
    foldable: a.constant !== undefined,
    value: a.constant,
    source: { line: 1, column: 12 + i, text: a.text ?? `a${i}` },
  }));
}

export function resolve(name: string, args: readonly Arg[]): { type: string } | { error: string } {
  return def(name).resolve(info(args));
}

/**
 * Evaluates `name(args...)` over one page; a constant argument without cells is repeated on every
 * position. Returns the output type, cells and the warnings raised.
 */
export function evaluate(
  name: string,
  args: readonly Arg[],
  positions?: number,
  nowMs = Date.UTC(2024, 0, 15, 10, 30, 0),
): { type: string; cells: Cell[]; warnings: readonly string[] } {
  const d = def(name);
  const infos = info(args);
  const r = d.resolve(infos);
  if ('error' in r) throw new Error(r.error);
  const n = positions ?? args.find((a) => a.cells !== undefined)?.cells?.length ?? 1;
  const blocks = args.map((a) => {
    if (a.cells !== undefined) return block(a.type as DataType, a.cells);
    const c = a.constant === undefined ? null : (a.constant as Cell);
    const t = (a.type === 'time_duration' || a.type === 'date_period' ? 'null' : a.type);
    return block(t, new Array<Cell>(n).fill(t === 'null' ? null : c));
  });
  const warnings = new Warnings();
  const ev = d.build(
    blocks.map((_, i) => ({ eval: (pg: Page) => pg.blocks[i], toString: () => `column${i}` })),
    infos,
    { source: SOURCE, warnings, nowMs },
  );
  const out = ev.eval(page(n, blocks));
  if (out.positionCount !== n) throw new Error(`expected ${n} positions, got ${out.positionCount}`);
  return { type: out.type, cells: cells(out), warnings: warnings.list() };
}

/** Shorthand: evaluate over single-position constant arguments, returning the one output cell. */
export function value(name: string, ...args: Arg[]): Cell {
  return evaluate(name, args, 1).cells[0];
}

export const kw = (v: string | null): Arg => ({ type: 'keyword', cells: [v] });
export const int = (v: number | null): Arg => ({ type: 'integer', cells: [v] });
export const lng = (v: number | null): Arg => ({ type: 'long', cells: [v] });
export const dbl = (v: number | null): Arg => ({ type: 'double', cells: [v] });
export const ul = (v: bigint | null): Arg => ({ type: 'unsigned_long', cells: [v] });
export const bool = (v: boolean | null): Arg => ({ type: 'boolean', cells: [v] });
export const dt = (iso: string | null): Arg => ({ type: 'datetime', cells: [iso === null ? null : Date.parse(iso)] });
export const nul = (): Arg => ({ type: 'null', cells: [null] });

export const MV_WARNING = 'Line 1:10: java.lang.IllegalArgumentException: single-value function encountered multi-value';
export const failedHeader = (text = 'f(x)') =>
  `Line 1:10: evaluation of [${text}] failed, treating result as null. Only first 20 failures recorded.`;
