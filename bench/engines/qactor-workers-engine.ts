import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { ParallelQueryEngine } from '../../src/parallel/parallel-query-engine.js';
import { WorkerPool } from '../../src/parallel/worker-pool.js';
import { queryWorkerUrl } from '../../src/parallel/worker-url.js';
import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { BenchDataset } from '../dataset.js';
import { QUERIES, QUERY_IDS, type QueryId, type ResultRow } from '../queries.js';
import type { BenchEngine } from './bench-engine.js';

const GB = 1024 * 1024 * 1024;
const SLEEP = clockSleep(new SystemClock());
const WARM_UP_ROUNDS = 3;

/**
 * `qactor serve --workers N` without HTTP: the ParallelQueryEngine over EsqlEngine with N worker
 * threads (the stretch target of issue #7 compares it with DuckDB on its default thread count).
 */
export class QactorWorkersEngine implements BenchEngine {
  readonly name: string;
  private engine: ParallelQueryEngine | undefined;
  private pool: WorkerPool | undefined;
  private readonly global = new MemoryBudget(8 * GB, 'bench-global');

  constructor(
    private readonly workers: number,
    private readonly chunksPerWorker?: number,
  ) {
    this.name = `qactor --workers ${workers}`;
  }

  async load(data: BenchDataset): Promise<void> {
    const catalog = new Catalog();
    catalog.put(data.index);
    this.pool = new WorkerPool({ size: this.workers, workerUrl: queryWorkerUrl(), globalMemoryBytes: 8 * GB });
    this.engine = new ParallelQueryEngine(new EsqlEngine(catalog, {}), {
      pool: this.pool,
      catalog,
      queryMemoryBytes: 4 * GB,
      ...(this.chunksPerWorker === undefined ? {} : { chunksPerWorker: this.chunksPerWorker }),
    });
    // Untimed: the first query ships the index to the workers. Then a few rounds of the suite warm the
    // workers' JIT: the in-process engines share the main isolate's compiled code with the HTTP node's
    // runs, while each worker isolate compiles its own.
    await this.execute('FROM logs | STATS c = COUNT(*)');
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const id of QUERY_IDS) await this.execute(QUERIES[id].esql);
  }

  async run(id: QueryId): Promise<readonly ResultRow[]> {
    return (await this.execute(QUERIES[id].esql)).values;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
    this.engine = undefined;
  }

  private async execute(esql: string) {
    if (this.engine === undefined) throw new Error('qactor workers engine not loaded');
    const blockFactory = new BlockFactory(new MemoryBudget(4 * GB, 'bench-query'), this.global);
    const execution = this.engine.prepare(esql).execute({ signal: new AbortController().signal, blockFactory, sleep: SLEEP });
    try {
      return await execution.result;
    } finally {
      blockFactory.releaseAll();
    }
  }
}
