/** `Line L:C: evaluation of [..] failed, treating result as null. Only first 20 failures recorded.` (esql/warnings.ts) */
const HEADER = /^(Line \d+:\d+:) evaluation of \[.*\] failed, treating result as \w+\. Only first (\d+) failures recorded\.$/s;
const POSITION = /^(Line \d+:\d+:) /;

/**
 * The warnings of a query split across workers, as the unsplit query would list them: each
 * expression's "evaluation failed" header once, then its failure lines up to ES's per-expression cap
 * over all lists together (the same failure text repeats, one line per failed row), and any other
 * warning once. Lists are taken in order (workers first, then the coordinator's).
 */
export function mergeWarnings(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const failureCaps = new Map<string, number>();
  const failures = new Map<string, number>();
  const once = (w: string) => {
    if (seen.has(w)) return;
    seen.add(w);
    out.push(w);
  };
  for (const list of lists) {
    for (const w of list) {
      const header = HEADER.exec(w);
      if (header !== null) {
        failureCaps.set(header[1], Number(header[2]));
        once(w);
        continue;
      }
      const at = POSITION.exec(w)?.[1];
      const cap = at === undefined ? undefined : failureCaps.get(at);
      if (at === undefined || cap === undefined) {
        once(w);
        continue;
      }
      const n = failures.get(at) ?? 0;
      if (n < cap) {
        failures.set(at, n + 1);
        out.push(w);
      }
    }
  }
  return out;
}
