import type { FunctionDefinition } from '../../function-definition.js';
import { toBoolean } from './to-boolean.js';
import { toDatetime } from './to-datetime.js';
import { toDegrees, toRadians } from './to-degrees-radians.js';
import { toIp, toVersion } from './to-ip-version.js';
import { toDouble, toInteger, toLong, toUnsignedLong } from './to-numeric.js';
import { toString, toText } from './to-string.js';

export const CONVERSION_FUNCTIONS: readonly FunctionDefinition[] = [
  toBoolean, toDatetime, toDegrees, toDouble, toInteger, toIp, toLong, toRadians, toString, toText, toUnsignedLong,
  toVersion,
];
