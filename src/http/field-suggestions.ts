/**
 * ES's `SuggestingErrorOnUnknown`: an unknown field is reported with the known names that look like
 * it (Lucene `LevenshteinDistance` similarity above 0.7), most similar first.
 */
export function didYouMean(unknown: string, candidates: readonly string[]): string {
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const score = similarity(unknown, name);
    if (score > 0.7) scored.push({ name, score });
  }
  if (scored.length === 0) return '';
  scored.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = scored.map((s) => s.name);
  return names.length === 1 ? ` did you mean [${names[0]}]?` : ` did you mean any of [${names.join(', ')}]?`;
}

/** Lucene's LevenshteinDistance: 1 - editDistance / max(length). */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a === b ? 1 : 0;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[b.length] / Math.max(a.length, b.length);
}
