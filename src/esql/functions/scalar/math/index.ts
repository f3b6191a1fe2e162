import type { FunctionDefinition } from '../../function-definition.js';
import { abs } from './abs.js';
import { atan2 } from './atan2.js';
import { ceil, floor } from './ceil-floor.js';
import { e, pi, tau } from './constants.js';
import { copySign } from './copy-sign.js';
import { acos, asin, atan, cbrt, cos, cosh, exp, log10, signum, sin, sinh, sqrt, tan, tanh } from './double-math.js';
import { hypot } from './hypot.js';
import { isFiniteFunction, isInfiniteFunction, isNanFunction } from './is-finite.js';
import { log } from './log.js';
import { pow } from './pow.js';
import { round } from './round.js';
import { roundTo } from './round-to.js';
import { scalb } from './scalb.js';

export const MATH_FUNCTIONS: readonly FunctionDefinition[] = [
  abs, acos, asin, atan, atan2, cbrt, ceil, copySign, cos, cosh, e, exp, floor, hypot, isFiniteFunction,
  isInfiniteFunction, isNanFunction, log, log10, pi, pow, round, roundTo, scalb, signum, sin, sinh, sqrt, tan, tanh,
  tau,
];
