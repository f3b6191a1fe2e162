import type { FunctionDefinition } from './function-definition.js';
import { AGGREGATE_FUNCTIONS } from './aggregate/index.js';
import { MATH_FUNCTIONS } from './scalar/math/index.js';
import { CONVERSION_FUNCTIONS } from './scalar/conversion/index.js';
import { STRING_FUNCTIONS } from './scalar/string/index.js';
import { CONDITIONAL_FUNCTIONS } from './scalar/conditional/index.js';
import { DATE_FUNCTIONS } from './scalar/date/index.js';
import { MULTIVALUE_FUNCTIONS } from './scalar/multivalue/index.js';
import { IP_FUNCTIONS } from './scalar/ip/index.js';
import { delay } from './scalar/test-only/delay.js';

/**
 * Every ES|QL function, as data. Adding a function = adding its file and one line here.
 * Names and aliases are matched lower-case.
 */
const DEFINITIONS: readonly FunctionDefinition[] = [
  ...AGGREGATE_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...MULTIVALUE_FUNCTIONS,
  ...IP_FUNCTIONS,
  delay,
];

const byName = new Map<string, FunctionDefinition>();
for (const def of DEFINITIONS) {
  byName.set(def.name, def);
  for (const alias of def.aliases ?? []) byName.set(alias, def);
}

export interface LookupOptions {
  /** `--test-functions`: enables snapshot-only functions such as DELAY. */
  readonly testFunctions?: boolean;
}

export function lookupFunction(name: string, options: LookupOptions = {}): FunctionDefinition | undefined {
  const def = byName.get(name.toLowerCase());
  if (def === undefined) return undefined;
  if (def.kind === 'scalar' && def.testOnly === true && options.testFunctions !== true) return undefined;
  return def;
}

export function allFunctions(): readonly FunctionDefinition[] {
  return DEFINITIONS;
}
