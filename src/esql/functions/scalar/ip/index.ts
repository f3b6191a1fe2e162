import type { FunctionDefinition } from '../../function-definition.js';
import { cidrMatch } from './cidr-match.js';
import { ipPrefix } from './ip-prefix.js';

export const IP_FUNCTIONS: readonly FunctionDefinition[] = [cidrMatch, ipPrefix];
