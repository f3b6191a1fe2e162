import type { FunctionDefinition } from '../../function-definition.js';
import { abs } from './abs.js';
import { atan2 } from './atan2.js';
import { ceil, floor } from './ceil-floor.js';
import { e, pi, tau } from './constants.js';
import { acos, asin, atan, cbrt, cos, cosh, exp, log10, signum, sin, sinh, sqrt, tan, tanh } from './double-math.js';
import { log } from './log.js';
import { pow } from './pow.js';
import { round } from './round.js';
import { copySign } from './copy-sign.js';
import { hypot } from './hypot.js';
import { scalb } from './scalb.js';

export const MATH_FUNCTIONS: readonly FunctionDefinition[] = [
  abs, acos, copySign, hypot, scalb, asin, atan, atan2, cbrt, ceil, cos, cosh, e, exp, floor, log, log10, pi, pow, round, signum, sin, sinh,
  sqrt, tan, tanh, tau,
];
