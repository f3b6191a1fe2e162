import type { FunctionDefinition } from '../../function-definition.js';
import { mvAppend, mvZip } from './mv-append-zip.js';
import { mvConcat } from './mv-concat.js';
import { mvContains } from './mv-contains.js';
import { mvMedianAbsoluteDeviation, mvPercentile, mvPseriesWeightedSum } from './mv-stats.js';
import { mvAvg, mvMedian, mvSum } from './mv-numeric.js';
import { mvCount, mvDedupe, mvFirst, mvLast, mvMax, mvMin } from './mv-simple.js';
import { mvSlice } from './mv-slice.js';
import { mvSort } from './mv-sort.js';

export const MULTIVALUE_FUNCTIONS: readonly FunctionDefinition[] = [
  mvAppend, mvAvg, mvConcat, mvContains, mvCount, mvDedupe, mvFirst, mvLast, mvMax, mvMedian, mvMedianAbsoluteDeviation,
  mvMin, mvPercentile, mvPseriesWeightedSum, mvSlice, mvSort, mvSum, mvZip,
];
