import type { AnyType } from '../../../../compute/data-type.js';
import type { ArgInfo } from '../../function-definition.js';
import { typeError } from './param.js';

const NUMERIC: readonly AnyType[] = ['integer', 'long', 'unsigned_long', 'double'];
const RANK: Readonly<Record<string, number>> = { integer: 0, long: 1, unsigned_long: 2, double: 3 };

/** ES maps text results of type-preserving functions (CASE, COALESCE, MV_*) to keyword. */
export const noText = (t: AnyType): AnyType => (t === 'text' ? 'keyword' : t);

/**
 * The common type of the arguments at `indexes` (ES: every value must have the first non-null one's
 * type; numbers may mix and widen). Returns an error naming the first argument that does not fit.
 */
export function commonType(
  call: string,
  args: readonly ArgInfo[],
  indexes: readonly number[],
  mixNumerics: boolean,
): { type: AnyType } | { error: string } {
  let type: AnyType = 'null';
  for (const i of indexes) {
    const t = args[i].type;
    if (t === 'null') continue;
    if (type === 'null') {
      type = t;
      continue;
    }
    if (sameFamily(type, t)) continue;
    if (mixNumerics && NUMERIC.includes(type) && NUMERIC.includes(t)) {
      type = RANK[t] > RANK[type] ? t : type;
      if (type === 'unsigned_long' && (t === 'double' || args.some((a) => a.type === 'double'))) type = 'double';
      continue;
    }
    return { error: typeError(call, args, i, type, 'positional') };
  }
  return { type };
}

const sameFamily = (a: AnyType, b: AnyType): boolean =>
  a === b || ((a === 'keyword' || a === 'text') && (b === 'keyword' || b === 'text'));
