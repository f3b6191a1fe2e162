/**
 * The one-line progress display of `qactor query` on a terminal: a bar of rows processed over rows
 * total (or just the count when the total is unknown), the elapsed time and the query's state.
 */
export interface ProgressView {
  readonly rowsProcessed: number;
  readonly rowsTotal: number | null;
  readonly elapsedMs: number;
  readonly state: string;
  /** Terminal width; the bar shrinks to fit. */
  readonly columns: number;
}

export function progressLine(v: ProgressView): string {
  const elapsed = `${(v.elapsedMs / 1000).toFixed(1)}s`;
  const rows =
    v.rowsTotal === null
      ? `${v.rowsProcessed.toLocaleString('en-US')} rows`
      : `${v.rowsProcessed.toLocaleString('en-US')}/${v.rowsTotal.toLocaleString('en-US')} rows`;
  const tail = `${rows}  ${elapsed}  ${v.state}`;
  if (v.rowsTotal === null || v.rowsTotal <= 0) return tail.slice(0, Math.max(0, v.columns - 1));
  const fraction = Math.min(1, v.rowsProcessed / v.rowsTotal);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const barWidth = Math.max(10, Math.min(40, v.columns - tail.length - percent.length - 6));
  const filled = Math.round(fraction * barWidth);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${percent}  ${tail}`;
  // Never wrap: a wrapped line cannot be redrawn in place with \r.
  return line.slice(0, Math.max(0, v.columns - 1));
}
