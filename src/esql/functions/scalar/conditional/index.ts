import type { FunctionDefinition } from '../../function-definition.js';
import { caseFunction } from './case.js';
import { clamp, clampMax, clampMin } from './clamp.js';
import { coalesce } from './coalesce.js';
import { greatest, least } from './greatest-least.js';

export const CONDITIONAL_FUNCTIONS: readonly FunctionDefinition[] = [caseFunction, clamp, clampMax, clampMin, coalesce, greatest, least];
