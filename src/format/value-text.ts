import type { DataType } from '../compute/data-type.js';
import type { Value } from '../esql/query-engine.js';
import { formatDouble } from '../esql/functions/scalar/support/numeric.js';

/**
 * How ES prints one cell. ES writes doubles with Java's `Double.toString` in JSON and text alike
 * (`1.0`, `1.0E7`, `1.0E-5`), so a double column whose value is integral must not print as `1`.
 * Integral types print as plain integers (a long beyond 2^53 arrives as a bigint).
 */

/** Java `Double.toString`: the same layout TO_STRING uses inside queries, so output and functions agree. */
export const javaDoubleToString = formatDouble;

/** An integral value as digits, never in exponent notation. */
export function integerToString(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isSafeInteger(v)) return String(v);
  // An integral double beyond 2^53 prints in full; a fraction (an engine bug) is shown, not hidden.
  return Number.isInteger(v) ? BigInt(v).toString() : String(v);
}

/** A scalar as JSON text, for a column of the given type. */
export function scalarToJson(v: Exclude<Value, readonly Value[]>, type: DataType): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (type === 'double') return Number.isFinite(v) ? javaDoubleToString(v) : 'null';
    return Number.isFinite(v) ? integerToString(v) : 'null';
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/**
 * A cell as text for txt/csv/tsv, the way ES's `Objects.toString` prints it: multi-values as
 * `[a, b]`, null as `nullText` (txt shows `null`, csv/tsv an empty string).
 */
export function valueToText(v: Value, type: DataType, nullText: string): string {
  if (v === null) return nullText;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ', ';
      out += valueToText(v[i] as Value, type, 'null');
    }
    return `${out}]`;
  }
  if (typeof v === 'number') return type === 'double' ? javaDoubleToString(v) : integerToString(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v as string;
}
