import type { FunctionDefinition } from '../function-definition.js';
import { absent } from './absent.js';
import { avg } from './avg.js';
import { count } from './count.js';
import { countDistinct } from './count-distinct.js';
import { max } from './max.js';
import { median } from './median.js';
import { medianAbsoluteDeviation } from './median-absolute-deviation.js';
import { min } from './min.js';
import { percentile } from './percentile.js';
import { present } from './present.js';
import { stdDev } from './std-dev.js';
import { sum } from './sum.js';
import { top } from './top.js';
import { values } from './values.js';
import { variance } from './variance.js';
import { weightedAvg } from './weighted-avg.js';

/**
 * The aggregate functions (STATS ... BY). Each definition resolves its result type and builds a
 * GroupingAggregator whose per-group state lives in typed arrays indexed by group id; constant
 * arguments follow ES's surrogates (SUM(const) = MV_SUM(const) * COUNT(*), AVG(const) = MV_AVG(const)).
 */
export const AGGREGATE_FUNCTIONS: readonly FunctionDefinition[] = [
  absent,
  avg,
  count,
  countDistinct,
  max,
  median,
  medianAbsoluteDeviation,
  min,
  percentile,
  present,
  stdDev,
  sum,
  top,
  values,
  variance,
  weightedAvg,
];
