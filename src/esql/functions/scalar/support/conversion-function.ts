import type { Block } from '../../../../compute/block.js';
import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, FunctionContext, ScalarFunctionDefinition } from '../../function-definition.js';
import { MultiValueBuilder, SingleValueBuilder, type Value, writable } from './output-builders.js';
import { reportFailure } from './eval-loop.js';
import { arityError, callText, typeError } from './param.js';
import { NullEvaluator } from './null-evaluator.js';

/** Converts one value; throws an EvalFailure for a value that cannot be converted. */
export type Converter = (v: Value) => Value;

export interface ConversionSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly result: DataType;
  /** Converter per accepted input type; `'identity'` returns the input block re-typed. */
  readonly from: Partial<Record<DataType, Converter | 'identity'>>;
}

const NUMERIC_TYPES: readonly DataType[] = ['integer', 'long', 'unsigned_long', 'double'];
const STRING_TYPES: readonly DataType[] = ['keyword', 'text'];

/** ES's `supportedTypesNames`: numeric and string collapsed, sorted, joined with " or ". */
function supportedTypesText(types: readonly DataType[]): string {
  const names: string[] = [];
  let rest = [...types];
  if (NUMERIC_TYPES.every((t) => rest.includes(t))) {
    names.push('numeric');
    rest = rest.filter((t) => !NUMERIC_TYPES.includes(t));
  }
  if (STRING_TYPES.every((t) => rest.includes(t))) {
    names.push('string');
    rest = rest.filter((t) => !STRING_TYPES.includes(t));
  }
  for (const t of rest) names.push(t === 'datetime' ? 'datetime' : t);
  return names.sort().join(' or ');
}

/**
 * A TO_xxx conversion: applied to every value of a position, so multi-values stay multi-values; a
 * value that fails to convert is dropped with a warning (all dropped = null), as in ES.
 */
export function conversionFunction(spec: ConversionSpec): ScalarFunctionDefinition {
  const accepted = Object.keys(spec.from) as DataType[];
  return {
    kind: 'scalar',
    name: spec.name,
    aliases: spec.aliases,
    resolve(args: readonly ArgInfo[], call?: Source) {
      const arity = arityError(spec.name, args, 1, 1);
      if (arity !== undefined) return { error: arity };
      const t = args[0].type;
      if (t !== 'null' && !accepted.includes(t as DataType)) {
        return { error: typeError(callText(spec.name, args, call), args, 0, supportedTypesText(accepted), 'default') };
      }
      return { type: spec.result };
    },
    build(args, info, ctx) {
      const t: AnyType = info[0].type;
      if (t === 'null') return new NullEvaluator(spec.name, args, spec.result);
      const conv = spec.from[t as DataType];
      if (conv === undefined) throw new Error(`${spec.name}: unsupported input type ${t}`);
      return new ConversionEvaluator(spec.name, args[0], spec.result, conv, ctx);
    },
  };
}

export class ConversionEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly name: string,
    private readonly arg: ExpressionEvaluator,
    private readonly outType: DataType,
    private readonly conv: Converter | 'identity',
    private readonly ctx: FunctionContext,
  ) {}

  eval(page: Page): Block {
    const b = this.arg.eval(page);
    if (this.conv === 'identity') return b.type === this.outType ? b : { ...b, type: this.outType };
    return convertBlock(b, this.outType, this.conv, this.ctx);
  }

  toString(): string {
    return `${this.name}(${String(this.arg)})`;
  }
}

/** Applies `conv` to every value of `b`, keeping positions' value counts except for failures. */
export function convertBlock(b: Block, outType: DataType, conv: Converter, ctx: FunctionContext): Block {
  const n = b.positionCount;
  const input = writable(b.values);
  const nulls = b.nulls;
  const f = b.firstValueIndexes;
  if (f === undefined) {
    const out = new SingleValueBuilder(outType, n);
    const ov = out.values;
    for (let p = 0; p < n; p++) {
      if (nulls !== undefined && nulls[p] === 1) {
        out.setNull(p);
        continue;
      }
      try {
        ov[p] = conv(input[p]);
      } catch (e) {
        reportFailure(e, ctx);
        out.setNull(p);
      }
    }
    return out.build();
  }
  const out = new MultiValueBuilder(outType, n, f[n]);
  for (let p = 0; p < n; p++) {
    if (nulls === undefined || nulls[p] === 0) {
      for (let i = f[p]; i < f[p + 1]; i++) {
        try {
          out.append(conv(input[i]));
        } catch (e) {
          reportFailure(e, ctx);
        }
      }
    }
    out.endPosition();
  }
  return out.build();
}
