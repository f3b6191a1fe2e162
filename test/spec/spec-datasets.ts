/**
 * Which indices and enrich policies a spec query needs, so the runner can skip tests whose datasets
 * this harness does not load (§2.4 rule 1) instead of counting them as failures.
 */
export interface QueryNeeds {
  /** FROM / TS index expressions and LOOKUP JOIN targets (patterns kept, `-excluded` dropped). */
  readonly indices: string[];
  readonly enrichPolicies: string[];
}

export function queryNeeds(query: string): QueryNeeds {
  const q = stripCommentsAndStrings(query);
  const indices: string[] = [];
  const source = /(?:^|\|)\s*(?:from|ts)\s+([^\s,|]+(?:\s*,\s*[^\s,|]+)*)/gi;
  for (let m = source.exec(q); m !== null; m = source.exec(q)) {
    for (const part of m[1].split(',')) {
      const name = part.trim();
      if (name !== '' && !name.startsWith('-')) indices.push(name);
    }
  }
  const lookup = /\blookup\s+join\s+([^\s|]+)/gi;
  for (let m = lookup.exec(q); m !== null; m = lookup.exec(q)) indices.push(m[1]);
  const enrichPolicies: string[] = [];
  const enrich = /(?:^|\|)\s*enrich\s+([^\s|]+)/gi;
  for (let m = enrich.exec(q); m !== null; m = enrich.exec(q)) enrichPolicies.push(m[1].replace(/^_\w+:/, ''));
  return { indices, enrichPolicies };
}

/** The first index expression that no loaded index satisfies, or the first policy (none exist here). */
export function missingDataset(needs: QueryNeeds, loaded: readonly string[]): string | undefined {
  for (const expr of needs.indices) {
    if (expr.includes(':')) return expr; // remote cluster or selector: never available here
    if (expr.includes('*')) {
      const re = new RegExp(`^${expr.split('*').map(escapeRegExp).join('.*')}$`);
      if (!loaded.some((n) => re.test(n))) return expr;
    } else if (!loaded.includes(expr)) return expr;
  }
  return needs.enrichPolicies[0] === undefined ? undefined : `enrich policy ${needs.enrichPolicies[0]}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Blanks out comments and string literals so that text inside them is never taken for a command. */
function stripCommentsAndStrings(query: string): string {
  return query
    .replace(/"""[\s\S]*?"""/g, '""')
    .replace(/"(?:[^"\\\r\n]|\\.)*"/g, '""')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\r\n]*/g, ' ');
}
