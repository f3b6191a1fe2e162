/**
 * ES's message for a name that resolves to nothing, with its suggestions: names whose Levenshtein
 * similarity (1 - distance / longer length, as Lucene's LevenshteinDistance) is at least 0.5, best first.
 */
export function unknownColumnMessage(name: string, candidates: readonly string[]): string {
  const scored: { name: string; score: number }[] = [];
  for (const c of new Set(candidates)) {
    const score = similarity(name, c);
    if (score >= 0.5) scored.push({ name: c, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const msg = `Unknown column [${name}]`;
  if (scored.length === 0) return msg;
  if (scored.length === 1) return `${msg}, did you mean [${scored[0].name}]?`;
  return `${msg}, did you mean any of [${scored.map((s) => s.name).join(', ')}]?`;
}

function similarity(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[m] / Math.max(n, m);
}
