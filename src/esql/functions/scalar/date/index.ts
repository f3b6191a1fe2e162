import type { FunctionDefinition } from '../../function-definition.js';
import { autoBucket, bucket } from './bucket.js';
import { dateDiff } from './date-diff.js';
import { dateExtract } from './date-extract.js';
import { dateFormat } from './date-format.js';
import { dateParse } from './date-parse.js';
import { dateTrunc } from './date-trunc.js';
import { dayName, monthName } from './day-month-name.js';
import { now } from './now.js';

export const DATE_FUNCTIONS: readonly FunctionDefinition[] = [
  autoBucket, bucket, dateDiff, dateExtract, dateFormat, dateParse, dateTrunc, dayName, monthName, now,
];
