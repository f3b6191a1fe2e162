/**
 * Only the 10,000-open-async-queries figure of the full bench (runtime/open-async-queries.ts: submits
 * over 50 keep-alive connections to a child-process node, then deletes), `SUBMIT_RUNS` times (default 3),
 * for quick iterations on the async submit path.
 *   node --expose-gc dist/bench/submit-throughput-only.js
 * With BENCH_CHILD_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" the node is profiled.
 */
import { measureOpenAsyncQueries } from './runtime/open-async-queries.js';

const QUERIES = 10_000;
const PHASE_MAX_MS = 60_000;

const runs = Number(process.env.SUBMIT_RUNS ?? 3);
const submits: number[] = [];
const deletes: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await measureOpenAsyncQueries(QUERIES, PHASE_MAX_MS);
  if (r.errors.length > 0) throw new Error(`run ${i + 1} failed: ${r.errors.join('; ')}`);
  submits.push(r.submitPerSecond);
  deletes.push(r.deletePerSecond);
  console.log(
    `run ${i + 1}: ${r.submitted}/${r.queries} submitted at ${Math.round(r.submitPerSecond)}/s, ` +
      `deleted at ${Math.round(r.deletePerSecond)}/s, still running ${r.stillRunningSampled}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median of ${runs}: submit ${Math.round(median(submits))}/s, delete ${Math.round(median(deletes))}/s`);
