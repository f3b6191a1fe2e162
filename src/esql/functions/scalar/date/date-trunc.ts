import type { AnyType } from '../../../../compute/data-type.js';
import type { Source } from '../../../ast.js';
import type { ArgInfo, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { SingleValueEvaluator } from '../support/eval-loop.js';
import { type Param, arityError, callText, typeError } from '../support/param.js';
import { NullEvaluator } from '../support/scalar-function.js';
import { dateRounding, timeSpanOf } from '../support/time-span.js';
import { DATETIME_OR_STRING, checkDatetimeArg, datetimeReader } from './datetime-arg.js';

export const TIME_SPAN: Param = {
  accepts: (t: AnyType) => t === 'date_period' || t === 'time_duration',
  expected: 'dateperiod or timeduration',
};

/** Resolution of DATE_TRUNC(interval, date) and the two-argument BUCKET over dates. */
export function resolveTrunc(name: string, args: readonly ArgInfo[], call?: Source): Resolution {
  const arity = arityError(name, args, 2, 2);
  if (arity !== undefined) return { error: arity };
  const text = callText(name, args, call);
  if (!TIME_SPAN.accepts(args[0].type)) return { error: typeError(text, args, 0, TIME_SPAN.expected, 'positional') };
  if (args[1].type !== 'null' && !DATETIME_OR_STRING.accepts(args[1].type)) {
    return { error: typeError(text, args, 1, 'datetime', 'positional') };
  }
  const problem = checkDatetimeArg(text, args, 1);
  if (problem !== undefined) return { error: problem };
  const span = timeSpanOf(args[0]);
  if (span === undefined || dateRounding(span) === undefined) {
    return { error: `Zero or negative time interval is not supported` };
  }
  return { type: 'datetime' };
}

/** Early ES took `DATE_TRUNC(date, interval)`; both orders are accepted, interval first being canonical. */
const intervalLast = (info: readonly ArgInfo[]): boolean =>
  info.length === 2 && TIME_SPAN.accepts(info[1].type) && !TIME_SPAN.accepts(info[0].type);

const swap = <T>(xs: readonly T[]): readonly T[] => [xs[1], xs[0]];

/** DATE_TRUNC(interval, date): rounds down to the interval (calendar months/years, Monday weeks, fixed spans). */
export const dateTrunc: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'date_trunc',
  resolve: (args, call) => resolveTrunc('date_trunc', intervalLast(args) ? swap(args) : args, call),
  build(rawArgs, rawInfo, ctx) {
    const reversed = intervalLast(rawInfo);
    const args = reversed ? swap(rawArgs) : rawArgs;
    const info = reversed ? swap(rawInfo) : rawInfo;
    if (info[1].type === 'null') return new NullEvaluator('date_trunc', args, 'datetime');
    const rounding = dateRounding(timeSpanOf(info[0]) ?? { months: 0, days: 0, millis: 0 });
    if (rounding === undefined) throw new Error('date_trunc: unresolved interval');
    const read = datetimeReader(info[1].type);
    return new SingleValueEvaluator('date_trunc', [args[1]], 'datetime', (v) => rounding(read(v[0])), ctx);
  },
};
