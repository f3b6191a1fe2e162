import type { AnyType } from '../../../../compute/data-type.js';
import { CompensatedSums } from './compensated-sums.js';
import { LongSums } from './long-sums.js';

/** Per-group sums: exact longs for integer/long input, Kahan doubles otherwise. */
export type SumState = LongSums | CompensatedSums;

export const newSumState = (inputType: AnyType): SumState =>
  inputType === 'integer' || inputType === 'long' ? new LongSums() : new CompensatedSums();

/** SUM's result type: long for whole numbers, double otherwise (null stays null). */
export function sumType(inputType: AnyType): AnyType {
  if (inputType === 'null') return 'null';
  return inputType === 'integer' || inputType === 'long' ? 'long' : 'double';
}
