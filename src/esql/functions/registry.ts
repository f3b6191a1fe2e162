import type { FunctionDefinition } from './function-definition.js';

/**
 * Every ES|QL function, as data. Adding a function = adding its file and one line here.
 * Names and aliases are matched lower-case.
 */
const DEFINITIONS: readonly FunctionDefinition[] = [];

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
