import type { AnyType, DataType } from '../../../compute/data-type.js';
import type { ArgInfo } from '../function-definition.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { constantNullBlock } from '../../../compute/block.js';
import {
  arityError,
  callText,
  checkFoldable,
  checkNotNull,
  checkType,
  constantNumber,
  outputTypeOf,
  resolution,
} from './support/arg-checks.js';
import { topAggregator } from './support/top-aggregators.js';

const isTopType = (t: AnyType): boolean =>
  t === 'boolean' ||
  t === 'datetime' ||
  t === 'ip' ||
  t === 'keyword' ||
  t === 'text' ||
  t === 'integer' ||
  t === 'long' ||
  t === 'double';

const orderOf = (info: readonly ArgInfo[]): string => (info.length > 2 ? String(info[2].value) : 'asc');

/** TOP(field, limit, "asc"|"desc"): the `limit` smallest or largest values per group, duplicates kept. */
export const top: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'top',
  resolve(args, call) {
    const arity = arityError('top', args, 2, 3);
    if (arity !== undefined) return { error: arity };
    const text = callText('top', args, call);
    const problem =
      checkType(text, args, 0, isTopType, 'boolean, date, ip, string or numeric except unsigned_long or counter types', 'positional') ??
      checkNotNull(text, args, 1, 'positional') ??
      checkFoldable(text, args, 1, 'positional') ??
      checkType(text, args, 1, (t) => t === 'integer', 'integer', 'positional') ??
      (args.length > 2
        ? (checkNotNull(text, args, 2, 'positional') ??
          checkFoldable(text, args, 2, 'positional') ??
          checkType(text, args, 2, (t) => t === 'keyword' || t === 'text', 'string', 'positional'))
        : undefined);
    if (problem !== undefined) return { error: problem };
    const limit = constantNumber(args[1]);
    if (limit !== null && limit <= 0) return { error: `Limit must be greater than 0 in [${text}], found [${limit}]` };
    const order = orderOf(args);
    if (order.toLowerCase() !== 'asc' && order.toLowerCase() !== 'desc') {
      return { error: `Invalid order value in [${text}], expected [ASC, DESC] but got [${order}]` };
    }
    return resolution(outputTypeOf(args[0].type));
  },
  inputArgs() {
    return [0];
  },
  aggregator(info) {
    const type = info[0].type as DataType;
    if (type === 'null') {
      return { add() {}, evaluate: (n: number) => constantNullBlock('null', n), estimatedBytes: () => 0 };
    }
    return topAggregator(type, constantNumber(info[1]) ?? 1, orderOf(info).toLowerCase() === 'asc');
  },
};
