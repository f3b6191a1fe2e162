import type { DataType } from '../../compute/data-type.js';

/** One output column of DISSECT / GROK. */
export interface ExtractedField {
  readonly name: string;
  readonly type: DataType;
}

/**
 * Pulls named fields out of one string (DISSECT, GROK). `extract` writes each field's values into
 * `out[i]` (an empty list when absent; several values make a multi-value) and returns false when the
 * pattern does not match, in which case every field is null.
 */
export interface PatternExtractor {
  readonly fields: readonly ExtractedField[];
  extract(input: string, out: (string | number | boolean)[][]): boolean;
  toString(): string;
}
