import type { AnyType } from '../../../../compute/data-type.js';
import type { ArgInfo } from '../../function-definition.js';
import type { Value } from '../support/output-builders.js';
import { parseDateField } from '../conversion/to-datetime.js';
import { type Param, typeError } from '../support/param.js';

/**
 * A datetime parameter that also takes a string constant, cast as by TO_DATETIME
 * (ES's string_literal_auto_casting): `DATE_DIFF("ms", d, "2023-12-02T11:00:00.001Z")`.
 */
export const DATETIME_OR_STRING: Param = {
  accepts: (t: AnyType) => t === 'datetime' || t === 'keyword' || t === 'text',
  expected: 'datetime',
};

/** Rejects a non-constant string where a datetime is expected (only literals are auto-cast). */
export function checkDatetimeArg(call: string, args: readonly ArgInfo[], i: number): string | undefined {
  const a = args[i];
  if ((a.type === 'keyword' || a.type === 'text') && !a.foldable) return typeError(call, args, i, 'datetime', 'positional');
  return undefined;
}

/** Reads a datetime argument's value as epoch ms, parsing strings. */
export function datetimeReader(t: AnyType): (v: Value) => number {
  return t === 'datetime' ? (v) => v as number : (v) => parseDateField(v);
}
