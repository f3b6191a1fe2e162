/**
 * `npm run bench`: qactor against DuckDB and a typed-array loop on the same seeded data, then the
 * runtime figures. Prints Markdown and writes bench/results/latest.md plus a dated copy. Exits 1 when
 * any engine's answer disagrees with the reference or a figure could not be measured.
 * Env: BENCH_ROWS (default 10,000,000), BENCH_QUICK=1 (1,000,000 rows), BENCH_REPS (default 5).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { version as duckdbVersion } from '@duckdb/node-api';
import { datasetOf, generateIndex, rawTypedArrayBytes } from './dataset.js';
import type { BenchEngine } from './engines/bench-engine.js';
import { DuckDBDatabase, DuckDBEngine } from './engines/duckdb-engine.js';
import { QactorHttpEngine } from './engines/qactor-http-engine.js';
import { QactorInProcessEngine } from './engines/qactor-in-process-engine.js';
import { QactorWorkersEngine } from './engines/qactor-workers-engine.js';
import { TypedLoopEngine } from './engines/typed-loop-engine.js';
import { startBenchNode } from './qactor-node.js';
import { runQuerySuite } from './query-suite.js';
import { renderReport, type BenchReport, type DatasetMemoryFigure } from './report.js';
import { measureOpenAsyncQueries } from './runtime/open-async-queries.js';
import { measureRowThroughput } from './runtime/row-throughput.js';
import { measureStopLatency } from './runtime/stop-latency.js';

const gc = (globalThis as { gc?: () => void }).gc;
const log = (line: string) => process.stderr.write(`${line}\n`);

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got [${v}]`);
  return n;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const startedAt = new Date();
  const quick = process.env.BENCH_QUICK === '1';
  const rows = envInt('BENCH_ROWS', quick ? 1_000_000 : 10_000_000);
  const reps = envInt('BENCH_REPS', 5);
  if (gc === undefined) log('warning: run with --expose-gc (npm run bench does) for stable memory figures');

  log(`generating ${rows} rows...`);
  const memory = measureLoad(rows);
  const index = memory.index;
  const data = datasetOf(index);
  log(`  RSS +${(memory.figure.rssDeltaBytes / 2 ** 20).toFixed(0)} MB for ${(memory.figure.rawBytes / 2 ** 20).toFixed(0)} MB of raw typed arrays`);

  const node = await startBenchNode(data);
  const duck = new DuckDBDatabase();
  const engines: BenchEngine[] = [
    new TypedLoopEngine(),
    new DuckDBEngine(duck, 1),
    new DuckDBEngine(duck, undefined),
    new QactorInProcessEngine(),
    new QactorWorkersEngine(2),
    new QactorHttpEngine(() => node.url),
  ];
  const runtimeErrors: string[] = [];
  let report: BenchReport | undefined;
  try {
    for (const e of engines) {
      const start = performance.now();
      await e.load(data);
      log(`loaded ${e.name} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    log('queries...');
    const queries = await runQuerySuite(engines, data, { reps, log, slowWarmupMs: 20_000 });
    const duckdbDefaultThreads = duck.threads;
    duck.close(); // free its copy before the runtime figures

    log('stop latency...');
    const stop = await guard('stop latency', runtimeErrors, () => measureStopLatency(node.url, 100, 45_000));
    stop?.errors.forEach((e) => runtimeErrors.push(`stop latency: ${e}`));
    await node.close();

    log('10,000 open async queries...');
    const openAsync = await guard('open async queries', runtimeErrors, () => measureOpenAsyncQueries(10_000, 60_000));
    openAsync?.errors.forEach((e) => runtimeErrors.push(`open async queries: ${e}`));

    log('ROW a = 1 throughput...');
    const rowThroughput = await guard('ROW throughput', runtimeErrors, () => measureRowThroughput(50, 5));
    rowThroughput?.errors.forEach((e) => runtimeErrors.push(`ROW throughput: ${e}`));

    report = {
      startedAt,
      rows,
      reps,
      duckdbVersion: duckdbVersion(),
      duckdbDefaultThreads,
      queries,
      memory: memory.figure,
      stop,
      openAsync,
      rowThroughput,
      runtimeErrors,
      totalSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await node.close();
    for (const e of engines) await e.close();
    duck.close();
  }

  const markdown = renderReport(report);
  process.stdout.write(`${markdown}\n`);
  const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace(/:/g, '-');
  writeFileSync(`${dir}latest.md`, markdown);
  writeFileSync(`${dir}${stamp}${rows === 10_000_000 ? '' : `-${rows}-rows`}.md`, markdown);
  log(`written to ${dir}latest.md`);
  const failed = report.queries.failures.length + runtimeErrors.length;
  if (failed > 0) {
    log(`\nBENCH FAILED: ${failed} problem(s), see "Correctness" above`);
    return 1;
  }
  return 0;
}

/** RSS and heap growth of generating the index, after full GCs on both sides. */
function measureLoad(rows: number) {
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  const index = generateIndex(rows);
  gc?.();
  gc?.();
  const after = process.memoryUsage();
  const figure: DatasetMemoryFigure = {
    rows,
    rawBytes: rawTypedArrayBytes(rows),
    rssDeltaBytes: after.rss - before.rss,
    heapDeltaBytes: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
  };
  return { index, figure };
}

async function guard<T>(what: string, errors: string[], f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    errors.push(`${what} could not be measured: ${String((e as Error).stack ?? e)}`);
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench crashed: ${String((e as Error).stack ?? e)}`);
    process.exit(2);
  },
);
