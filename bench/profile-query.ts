/**
 * One query on the in-process qactor engine, repeated: the target for `node --cpu-prof`.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/profile-query.js Q4 [rows=1000000] [runs=5]
 * then `node dist/bench/profile-summary.js /tmp/prof/<file>.cpuprofile`.
 */
import { performance } from 'node:perf_hooks';
import { datasetOf, generateIndex } from './dataset.js';
import { QactorInProcessEngine } from './engines/qactor-in-process-engine.js';
import { QUERY_IDS, type QueryId } from './queries.js';

const id = (process.argv[2] ?? 'Q1') as QueryId;
if (!QUERY_IDS.includes(id)) throw new Error(`unknown query [${id}], expected one of ${QUERY_IDS.join(', ')}`);
const rows = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 5);
const data = datasetOf(generateIndex(rows));
const engine = new QactorInProcessEngine();
await engine.load(data);
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const result = await engine.run(id);
  process.stderr.write(`${id} run ${i + 1}: ${(performance.now() - start).toFixed(1)} ms, ${result.length} rows\n`);
}
