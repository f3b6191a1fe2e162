import os from 'node:os';
import { QUERIES, QUERY_IDS, type QueryId } from './queries.js';
import type { QuerySuiteResult } from './query-suite.js';
import type { OpenAsyncFigure } from './runtime/open-async-queries.js';
import type { RowThroughputFigure } from './runtime/row-throughput.js';
import type { StopLatencyFigure } from './runtime/stop-latency.js';

export interface DatasetMemoryFigure {
  readonly rows: number;
  readonly rawBytes: number;
  readonly rssDeltaBytes: number;
  readonly heapDeltaBytes: number;
}

export interface BenchReport {
  readonly startedAt: Date;
  readonly rows: number;
  readonly reps: number;
  readonly duckdbVersion: string;
  readonly duckdbDefaultThreads: number;
  readonly queries: QuerySuiteResult;
  readonly memory: DatasetMemoryFigure;
  readonly stop?: StopLatencyFigure;
  readonly openAsync?: OpenAsyncFigure;
  readonly rowThroughput?: RowThroughputFigure;
  readonly runtimeErrors: readonly string[];
  readonly totalSeconds: number;
}

export const BASELINE = 'DuckDB threads=1';
const MB = 1024 * 1024;
const fmtMs = (ms: number) => (Number.isNaN(ms) ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtRatio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');
const mb = (b: number) => `${(b / MB).toFixed(0)} MB`;
const check = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? 'yes' : '**no**');

/** The `--workers` engine and what it is compared with (issue #7 stretch target). */
export const WORKERS_ENGINE = 'qactor --workers 2';
const DUCKDB_DEFAULT = 'DuckDB default threads';
const STRETCH_QUERIES: readonly QueryId[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** `--workers 2` against DuckDB on its default thread count: target ≤ 1.0× on Q1–Q4. */
function renderStretch(r: BenchReport): string[] {
  if (!r.queries.engineNames.includes(WORKERS_ENGINE)) return [];
  const out = ['', `## Stretch: ${WORKERS_ENGINE} vs ${DUCKDB_DEFAULT} (${r.duckdbDefaultThreads} threads)`, ''];
  out.push(`| Query | qactor | ${WORKERS_ENGINE} | ${DUCKDB_DEFAULT} | ${WORKERS_ENGINE} / ${DUCKDB_DEFAULT} | ≤ 1.0× |`);
  out.push('|---|---:|---:|---:|---:|---|');
  for (const id of STRETCH_QUERIES) {
    const ms = (n: string) => {
      const m = r.queries.byEngine.get(n)?.get(id);
      return m === undefined || m.error !== undefined ? NaN : m.medianMs;
    };
    const ratio = ms(WORKERS_ENGINE) / ms(DUCKDB_DEFAULT);
    out.push(
      `| ${id} | ${fmtMs(ms('qactor'))} | ${fmtMs(ms(WORKERS_ENGINE))} | ${fmtMs(ms(DUCKDB_DEFAULT))} | ${fmtRatio(ratio)} | ${check(Number.isNaN(ratio) ? undefined : ratio <= 1)} |`,
    );
  }
  return out;
}

export function renderReport(r: BenchReport): string {
  const out: string[] = [];
  const cpu = os.cpus();
  out.push(`# qactor benchmark — ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push('');
  out.push(
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ` +
      `${os.type()} ${os.release()}, Node ${process.version}, DuckDB ${r.duckdbVersion} (default threads = ${r.duckdbDefaultThreads}). ` +
      `Dataset: ${r.rows.toLocaleString('en-US')} rows (seed 42). Median of ${r.reps} runs after 1 warm-up, engines interleaved run by run in a new order each round; ratios are to ${BASELINE} in the same run. ` +
      `Total bench time ${r.totalSeconds.toFixed(0)} s.`,
  );
  out.push('');
  out.push('## Queries (ms, median; ratio to DuckDB threads=1)');
  out.push('');
  const names = r.queries.engineNames;
  out.push(`| Query | ${names.join(' | ')} | qactor / typed loop |`);
  out.push(`|---|${names.map(() => '---:').join('|')}|---:|`);
  for (const id of QUERY_IDS) {
    const base = r.queries.byEngine.get(BASELINE)?.get(id)?.medianMs ?? NaN;
    const cells = names.map((n) => {
      const m = r.queries.byEngine.get(n)?.get(id);
      if (m === undefined || m.error !== undefined) return 'FAILED';
      return n === BASELINE ? fmtMs(m.medianMs) : `${fmtMs(m.medianMs)} (${fmtRatio(m.medianMs / base)})`;
    });
    const q = r.queries.byEngine.get('qactor')?.get(id)?.medianMs ?? NaN;
    const t = r.queries.byEngine.get('typed loop')?.get(id)?.medianMs ?? NaN;
    out.push(`| ${id} | ${cells.join(' | ')} | ${fmtRatio(q / t)} |`);
  }
  out.push('');
  out.push(`Fastest run (ms), less sensitive to load from elsewhere on the machine:`);
  out.push('');
  out.push(`| Query | ${names.join(' | ')} |`);
  out.push(`|---|${names.map(() => '---:').join('|')}|`);
  for (const id of QUERY_IDS) {
    const cells = names.map((n) => {
      const m = r.queries.byEngine.get(n)?.get(id);
      return m === undefined || m.error !== undefined ? 'FAILED' : fmtMs(Math.min(...m.samplesMs));
    });
    out.push(`| ${id} | ${cells.join(' | ')} |`);
  }
  out.push('');
  for (const id of QUERY_IDS) out.push(`- ${id}: \`${QUERIES[id].esql}\``);
  out.push('');
  out.push('## Runtime figures');
  out.push('');
  out.push('| Figure | Measured | Target | Met |');
  out.push('|---|---|---|---|');
  const m = r.memory;
  out.push(
    `| RSS growth loading ${r.rows.toLocaleString('en-US')} rows vs raw typed arrays (${mb(m.rawBytes)}) | ` +
      `${mb(m.rssDeltaBytes)} RSS (${fmtRatio(m.rssDeltaBytes / m.rawBytes)}), heap+buffers ${mb(m.heapDeltaBytes)} (${fmtRatio(m.heapDeltaBytes / m.rawBytes)}) | ≤ 1.3× | ${check(m.rssDeltaBytes / m.rawBytes <= 1.3)} |`,
  );
  if (r.stop !== undefined) {
    const s = r.stop;
    out.push(
      `| Stop latency, 4 heavy queries running (${s.samples} stops, ${s.partial} partial, ${s.heavyCompleted} heavy queries completed meanwhile) | ` +
        `p50 ${fmtMs(s.p50Ms)} ms, p99 ${fmtMs(s.p99Ms)} ms, max ${fmtMs(s.maxMs)} ms | p99 ≤ 50 ms | ${check(s.samples > 0 && s.p99Ms <= 50)} |`,
    );
  }
  if (r.openAsync !== undefined) {
    const o = r.openAsync;
    const cut = o.submitted < o.queries ? ` (**only ${o.submitted} submitted within the time bound**)` : '';
    out.push(
      `| ${o.queries.toLocaleString('en-US')} open async queries${cut}: node RSS (idle node ${mb(o.baselineRssBytes)}; after deleting all ${mb(o.afterDeleteRssBytes)}) | ` +
        `${mb(o.openRssBytes)} (+${mb(o.openRssBytes - o.baselineRssBytes)}); V8 heap ${mb(o.heapBytes.idle)} idle / ${mb(o.heapBytes.open)} open / ${mb(o.heapBytes.afterDelete)} after delete; sampled still running ${o.stillRunningSampled} | ≤ 400 MB | ${check(o.submitted === o.queries && o.openRssBytes <= 400 * MB)} |`,
    );
    out.push(
      `| ${o.queries.toLocaleString('en-US')} async submits, 50 keep-alive connections | ${o.submitPerSecond.toFixed(0)} /s (deletes ${o.deletePerSecond.toFixed(0)} /s) | ≥ 2,000 /s | ${check(o.submitPerSecond >= 2000)} |`,
    );
  }
  if (r.rowThroughput !== undefined) {
    const t = r.rowThroughput;
    out.push(
      `| Sync \`ROW a = 1\`, ${t.connections} connections (${t.requests} requests in ${t.seconds.toFixed(1)} s) | ${t.requestsPerSecond.toFixed(0)} req/s | ≥ 5,000 req/s | ${check(t.requestsPerSecond >= 5000)} |`,
    );
  }
  out.push('');
  out.push('## Query targets');
  out.push('');
  out.push('| Query | qactor ≤ 1.0× DuckDB t=1 | qactor ≤ 2× typed loop | HTTP ≤ 1.2× DuckDB t=1 |');
  out.push('|---|---|---|---|');
  for (const id of QUERY_IDS) {
    const get = (n: string) => r.queries.byEngine.get(n)?.get(id)?.medianMs ?? NaN;
    const base = get(BASELINE);
    out.push(
      `| ${id} | ${check(get('qactor') <= base)} | ${check(get('qactor') <= 2 * get('typed loop'))} | ${check(get('qactor HTTP') <= 1.2 * base)} |`,
    );
  }
  out.push(...renderStretch(r));
  const problems = [...r.queries.failures, ...r.runtimeErrors];
  out.push('');
  out.push('## Correctness');
  out.push('');
  if (problems.length === 0) out.push('Every engine agreed with the typed loop on Q1–Q5 (checksums over the answers; Q3/Q5 rows verified against the data).');
  else for (const p of problems) out.push('```\n' + p + '\n```');
  out.push('');
  return out.join('\n');
}
