import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { Source } from '../../../ast.js';
import type { ArgInfo, FunctionContext, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { type Kernel, SingleValueEvaluator } from './eval-loop.js';
import { NullEvaluator } from './null-evaluator.js';
import { ConversionEvaluator } from './conversion-function.js';
import { parseDouble, parseJavaDouble } from './java-number.js';
import { NUMERIC, type Ordinal, type Param, arityError, callText, checkParams } from './param.js';

export { NullEvaluator };

export interface ScalarSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  /** Defaults to `params.length`; `Infinity` for variadic functions (the last param repeats). */
  readonly maxArgs?: number;
  /** Per position; a function of the argument count when optional arguments shift (DATE_FORMAT). */
  readonly params: readonly Param[] | ((argCount: number) => readonly Param[]);
  /** ES's ParamOrdinal.DEFAULT (`argument of [...]`) for unary math, positional otherwise. */
  readonly ordinal?: Ordinal;
  /**
   * The result type once every argument passed its Param (null-typed arguments included); may
   * return an error for cross-argument rules. A null-typed argument gives a null result at runtime.
   */
  readonly result: (types: readonly AnyType[], args: readonly ArgInfo[], call: string) => AnyType | { error: string };
  /** Called once per query with the (non-null) argument types: returns the per-row kernel. */
  readonly kernel: (types: readonly DataType[], info: readonly ArgInfo[], ctx: FunctionContext) => Kernel;
}

/** Resolution shared by every helper: arity, per-argument type checks, then the result rule. */
export function resolveWith(
  spec: Pick<ScalarSpec, 'name' | 'minArgs' | 'maxArgs' | 'params' | 'ordinal' | 'result'>,
  args: readonly ArgInfo[],
  call?: Source,
): Resolution {
  const declared = typeof spec.params === 'function' ? spec.params(args.length) : spec.params;
  const max = spec.maxArgs ?? declared.length;
  const arity = arityError(spec.name, args, spec.minArgs, max);
  if (arity !== undefined) return { error: arity };
  const text = callText(spec.name, args, call);
  const params = paramsFor(spec, args.length);
  args = castStringLiterals(args, params);
  const problem = checkParams(text, args, params, spec.ordinal);
  if (problem !== undefined) return { error: problem };
  const r = spec.result(
    args.map((a) => a.type),
    args,
    text,
  );
  return typeof r === 'string' ? { type: r } : r;
}

/** The Params of each argument position for `argCount` arguments (variadic ones repeat the last). */
function paramsFor(spec: Pick<ScalarSpec, 'params'>, argCount: number): readonly Param[] {
  const declared = typeof spec.params === 'function' ? spec.params(argCount) : spec.params;
  if (argCount <= declared.length) return declared;
  return [...declared, ...new Array<Param>(argCount - declared.length).fill(declared[declared.length - 1])];
}

/**
 * ES's string_literal_auto_casting for numeric parameters: `ABS("10.0")` reads the literal as a
 * double. Returns the arguments as the function sees them.
 */
function castStringLiterals(args: readonly ArgInfo[], params: readonly Param[]): readonly ArgInfo[] {
  if (!args.some((a, i) => isCastable(a, params[i]))) return args;
  return args.map((a, i) => (isCastable(a, params[i]) ? { ...a, type: 'double' as const, value: Number(a.value) } : a));
}

const isCastable = (a: ArgInfo, p: Param | undefined): boolean =>
  p === NUMERIC &&
  a.foldable &&
  (a.type === 'keyword' || a.type === 'text') &&
  typeof a.value === 'string' &&
  parseJavaDouble(a.value) !== undefined;

/** A definition for a single-value scalar function described by `spec`. */
export function scalarFunction(spec: ScalarSpec): ScalarFunctionDefinition {
  const def: ScalarFunctionDefinition = {
    kind: 'scalar',
    name: spec.name,
    aliases: spec.aliases,
    resolve: (args: readonly ArgInfo[], call?: Source) => resolveWith(spec, args, call),
    build(rawArgs, rawInfo, ctx) {
      const params = paramsFor(spec, rawInfo.length);
      const info = castStringLiterals(rawInfo, params);
      const args = rawArgs.map((a, i) =>
        info[i] === rawInfo[i] ? a : new ConversionEvaluator('to_double', a, 'double', (v) => parseDouble(v as string), ctx),
      );
      const r = resolveWith(spec, info);
      if ('error' in r) throw new Error(`${spec.name}: cannot build an unresolved call: ${r.error}`);
      const outType = r.type as DataType;
      if (outType === 'null' || info.some((a) => a.type === 'null')) return new NullEvaluator(spec.name, args, outType);
      const kernel = spec.kernel(
        info.map((a) => a.type as DataType),
        info,
        ctx,
      );
      return new SingleValueEvaluator(spec.name, args, outType, kernel, ctx);
    },
  };
  return def;
}

/** Result rule: the type of argument `i` (ABS, ROUND ...), so `abs(null)` is of type null. */
export const sameAs =
  (i: number) =>
  (types: readonly AnyType[]): AnyType =>
    types[i];

export const fixed =
  (t: AnyType) =>
  (): AnyType =>
    t;
