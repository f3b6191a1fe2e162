import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { Source } from '../../../ast.js';
import type { ArgInfo, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { monthIndexOf } from '../support/civil-date.js';
import { parseIsoDate } from '../support/iso-date.js';
import { SingleValueEvaluator } from '../support/eval-loop.js';
import { doubleReader } from '../support/numeric.js';
import { arityError, callText, typeError } from '../support/param.js';
import { NullEvaluator } from '../support/scalar-function.js';
import { DAY_MS, dateRounding, fixedInterval, mondayWeek, timeSpanOf } from '../support/time-span.js';
import { datetimeReader } from './datetime-arg.js';
import { resolveTrunc } from './date-trunc.js';

const isNumeric = (t: AnyType): boolean => t === 'integer' || t === 'long' || t === 'unsigned_long' || t === 'double';

/** A constant number or datetime (string constants are parsed) of a BUCKET bound. */
function constantNumber(a: ArgInfo, asDate: boolean): number | undefined {
  const v: unknown = a.value;
  if (!a.foldable) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (asDate && typeof v === 'string') return parseIsoDate(v);
  return undefined;
}

/**
 * BUCKET(field, span) or BUCKET(field, buckets, from, to) (AUTO_BUCKET is the old 4-argument name):
 * dates round like DATE_TRUNC, numbers to multiples of the span as doubles. With a bucket count the
 * span is picked as ES does: the finest "human" date rounding yielding at most that many buckets, or
 * for numbers the power of ten (or half of one) nearest above (to - from) / buckets.
 */
function bucketDefinition(name: string, fourArgsOnly: boolean): ScalarFunctionDefinition {
  const def: ScalarFunctionDefinition = {
    kind: 'scalar',
    name,
    resolve(args: readonly ArgInfo[], call?: Source): Resolution {
      const arity = arityError(name, args, fourArgsOnly ? 4 : 2, 4);
      if (arity !== undefined) return { error: arity };
      const text = callText(name, args, call);
      const t = args[0].type;
      const isDate = t === 'datetime';
      if (!isDate && !isNumeric(t) && t !== 'null') return { error: typeError(text, args, 0, 'datetime or numeric', 'positional') };
      if (args.length === 2) {
        if (isDate) {
          const r = resolveTrunc(name, [args[1], args[0]], call);
          return 'error' in r ? { error: typeError(text, args, 1, 'dateperiod or timeduration', 'positional') } : r;
        }
        if (!isNumeric(args[1].type) || !args[1].foldable) return { error: typeError(text, args, 1, 'numeric', 'positional') };
        return { type: t === 'null' ? 'null' : 'double' };
      }
      if (args.length !== 4) return { error: `error building [${name}]: expects exactly two or four arguments` };
      if (args[1].type !== 'integer' || !args[1].foldable) return { error: typeError(text, args, 1, 'integer', 'positional') };
      for (const i of [2, 3]) {
        if (constantNumber(args[i], isDate) === undefined) {
          return { error: typeError(text, args, i, isDate ? 'datetime or string' : 'numeric', 'positional') };
        }
      }
      return { type: isDate ? 'datetime' : t === 'null' ? 'null' : 'double' };
    },
    build(args, info, ctx) {
      const t = info[0].type as DataType;
      if (t === 'null') return new NullEvaluator(name, args, 'double');
      if (t === 'datetime') {
        const rounding = info.length === 2 ? dateRounding(timeSpanOf(info[1]) ?? { months: 0, days: 0, millis: 0 }) : pickDateRounding(info);
        if (rounding === undefined) throw new Error(`${name}: unresolved interval`);
        const read = datetimeReader(t);
        return new SingleValueEvaluator(name, [args[0]], 'datetime', (v) => rounding(read(v[0])), ctx);
      }
      const span = info.length === 2 ? (constantNumber(info[1], false) ?? 1) : pickNumericSpan(info);
      const read = doubleReader(t);
      return new SingleValueEvaluator(name, [args[0]], 'double', (v) => Math.floor(read(v[0]) / span) * span, ctx);
    },
  };
  return def;
}

function pickNumericSpan(info: readonly ArgInfo[]): number {
  const buckets = constantNumber(info[1], false) ?? 1;
  const from = constantNumber(info[2], false) ?? 0;
  const to = constantNumber(info[3], false) ?? 0;
  const precise = (to - from) / buckets;
  const nextPowerOfTen = Math.pow(10, Math.ceil(Math.log10(precise)));
  const halfPower = nextPowerOfTen / 2;
  return precise < halfPower ? halfPower : nextPowerOfTen;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface HumanRounding {
  readonly round: (ms: number) => number;
  /** Bucket starts between the rounded bounds, inclusive. */
  readonly count: (from: number, to: number) => number;
}

const monthRounding = dateRounding({ months: 1, days: 0, millis: 0 })!;

const fixedRounding = (size: number): HumanRounding => ({
  round: fixedInterval(size),
  count: (from, to) => Math.floor(to / size) - Math.floor(from / size) + 1,
});

/** ES's "human" date roundings, coarsest first (a year being the fallback). */
const HUMAN_ROUNDINGS: readonly HumanRounding[] = [
  { round: monthRounding, count: (from, to) => monthIndexOf(to) - monthIndexOf(from) + 1 },
  { round: mondayWeek, count: (from, to) => (mondayWeek(to) - mondayWeek(from)) / (7 * DAY_MS) + 1 },
  fixedRounding(DAY_MS),
  ...[12 * HOUR, 3 * HOUR, HOUR, 30 * MINUTE, 10 * MINUTE, 5 * MINUTE, MINUTE, 30_000, 10_000, 5000, 1000, 100, 50, 10, 1].map(
    fixedRounding,
  ),
];

function pickDateRounding(info: readonly ArgInfo[]): (ms: number) => number {
  const buckets = constantNumber(info[1], false) ?? 1;
  const from = constantNumber(info[2], true) ?? 0;
  const to = constantNumber(info[3], true) ?? 0;
  let chosen = dateRounding({ months: 12, days: 0, millis: 0 })!;
  for (const r of HUMAN_ROUNDINGS) {
    if (r.count(from, to) > buckets) break;
    chosen = r.round;
  }
  return chosen;
}

export const bucket = bucketDefinition('bucket', false);
export const autoBucket = bucketDefinition('auto_bucket', true);
