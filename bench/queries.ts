import { BYTES, LATENCY, findByTimestamp, type BenchDataset } from './dataset.js';

export type QueryId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5';
export const QUERY_IDS: readonly QueryId[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'];

/** A result row as an engine hands it back (numbers, bigints, strings, ISO datetimes). */
export type ResultRow = readonly unknown[];

export interface BenchQuery {
  readonly id: QueryId;
  readonly esql: string;
  /** The same question for DuckDB; columns in the ES|QL output order; `ts` holds @timestamp as epoch ms. */
  readonly sql: string;
}

export const QUERIES: Record<QueryId, BenchQuery> = {
  Q1: {
    id: 'Q1',
    esql: 'FROM logs | WHERE status == 500 | STATS c = COUNT(*)',
    sql: 'SELECT count(*) AS c FROM logs WHERE status = 500',
  },
  Q2: {
    id: 'Q2',
    esql: 'FROM logs | STATS avg_lat = AVG(latency_ms), total = SUM(bytes) BY host | SORT total DESC | LIMIT 10',
    sql: 'SELECT avg(latency_ms) AS avg_lat, sum(bytes) AS total, host FROM logs GROUP BY host ORDER BY total DESC LIMIT 10',
  },
  Q3: {
    id: 'Q3',
    esql:
      'FROM logs | WHERE bytes > 500000 AND latency_ms < 50 | EVAL kb = bytes / 1024 | KEEP @timestamp, host, kb | SORT kb DESC | LIMIT 100',
    // ES|QL long / integer is integer division, as DuckDB's `//`.
    sql: 'SELECT ts, host, bytes // 1024 AS kb FROM logs WHERE bytes > 500000 AND latency_ms < 50 ORDER BY kb DESC LIMIT 100',
  },
  Q4: {
    id: 'Q4',
    esql: 'FROM logs | STATS c = COUNT(*) BY status, message',
    sql: 'SELECT count(*) AS c, status, message FROM logs GROUP BY status, message',
  },
  Q5: {
    id: 'Q5',
    esql: 'FROM logs | WHERE host == "host-42" | KEEP @timestamp, bytes | LIMIT 1000',
    sql: "SELECT ts, bytes FROM logs WHERE host = 'host-42' LIMIT 1000",
  },
};

/** An answer reduced to something comparable across engines, plus a readable form for failure messages. */
export interface Answer {
  readonly rows: number;
  readonly checksum: string;
  /** Canonical text of the answer (first rows), printed when engines disagree. */
  readonly detail: string;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const ts = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : num(v));
// Averages are summed in different orders by different engines: compare 10 significant digits.
const approx = (v: unknown): string => num(v).toPrecision(10);

/**
 * Reduces an engine's rows to an Answer. Ties make Q3 (SORT kb with thousands of equal kb) and Q5
 * (LIMIT without SORT) legitimately differ in which rows come back, so those are checked row by row
 * against the dataset and only tie-insensitive facts enter the checksum.
 */
export function answerOf(id: QueryId, rows: readonly ResultRow[], data: BenchDataset): Answer {
  let lines: string[];
  switch (id) {
    case 'Q1':
      lines = rows.map((r) => `${num(r[0])}`);
      break;
    case 'Q2':
      lines = rows.map((r) => `${approx(r[0])}|${num(r[1])}|${String(r[2])}`);
      break;
    case 'Q3':
      lines = validateQ3(rows, data);
      break;
    case 'Q4':
      lines = rows.map((r) => `${num(r[0])}|${num(r[1])}|${String(r[2])}`).sort();
      break;
    case 'Q5':
      lines = validateQ5(rows, data);
      break;
  }
  return { rows: rows.length, checksum: `${rows.length}:${fnv1a(lines.join('\n'))}`, detail: preview(lines) };
}

function validateQ3(rows: readonly ResultRow[], data: BenchDataset): string[] {
  const bad: string[] = [];
  const kbs: number[] = [];
  for (const r of rows) {
    const t = ts(r[0]);
    const kb = num(r[2]);
    kbs.push(kb);
    const at = findByTimestamp(data, t);
    if (at === undefined) {
      bad.push(`no row with @timestamp ${String(r[0])}`);
      continue;
    }
    const seg = data.index.segments[at[0]];
    const bytes = (seg.blocks[BYTES].values as Float64Array)[at[1]];
    const lat = (seg.blocks[LATENCY].values as Float64Array)[at[1]];
    const host = data.hostNames[data.hostOrdinals[at[0]][at[1]]];
    if (!(bytes > 500000 && lat < 50) || host !== r[1] || Math.trunc(bytes / 1024) !== kb) {
      bad.push(`row ${JSON.stringify(r.map(String))} does not match the data (bytes ${bytes}, latency ${lat}, host ${host})`);
    }
  }
  kbs.sort((a, b) => b - a);
  return [...bad.map((b) => `INVALID ${b}`), `kb ${kbs.join(',')}`];
}

function validateQ5(rows: readonly ResultRow[], data: BenchDataset): string[] {
  const bad: string[] = [];
  const seen = new Set<number>();
  for (const r of rows) {
    const t = ts(r[0]);
    const at = findByTimestamp(data, t);
    if (at === undefined || seen.has(t)) {
      bad.push(`missing or repeated @timestamp ${String(r[0])}`);
      continue;
    }
    seen.add(t);
    const seg = data.index.segments[at[0]];
    const host = data.hostNames[data.hostOrdinals[at[0]][at[1]]];
    const bytes = (seg.blocks[BYTES].values as Float64Array)[at[1]];
    if (host !== 'host-42' || bytes !== num(r[1])) bad.push(`row ${JSON.stringify(r.map(String))} does not match the data`);
  }
  return [...bad.map((b) => `INVALID ${b}`), `${rows.length - bad.length} valid host-42 rows`];
}

function preview(lines: readonly string[]): string {
  const text = lines.slice(0, 12).join('\n');
  const more = lines.length > 12 ? `\n... (${lines.length} lines)` : '';
  return (text.length > 2000 ? `${text.slice(0, 2000)}...` : text) + more;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
