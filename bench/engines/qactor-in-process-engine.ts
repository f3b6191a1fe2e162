import { BlockFactory, MemoryBudget } from '../../src/compute/block-factory.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { BenchDataset } from '../dataset.js';
import { QUERIES, type QueryId, type ResultRow } from '../queries.js';
import type { BenchEngine } from './bench-engine.js';

const GB = 1024 * 1024 * 1024;
const SLEEP = clockSleep(new SystemClock());

/** qactor's EsqlEngine called directly: parse, analyze, plan and the time-sliced Driver, no HTTP. */
export class QactorInProcessEngine implements BenchEngine {
  readonly name = 'qactor';
  private engine: EsqlEngine | undefined;
  private readonly global = new MemoryBudget(8 * GB, 'bench-global');

  load(data: BenchDataset): Promise<void> {
    const catalog = new Catalog();
    catalog.put(data.index);
    this.engine = new EsqlEngine(catalog, {});
    return Promise.resolve();
  }

  async run(id: QueryId): Promise<readonly ResultRow[]> {
    if (this.engine === undefined) throw new Error('qactor engine not loaded');
    const blockFactory = new BlockFactory(new MemoryBudget(4 * GB, 'bench-query'), this.global);
    const execution = this.engine.prepare(QUERIES[id].esql).execute({ signal: new AbortController().signal, blockFactory, sleep: SLEEP });
    try {
      const result = await execution.result;
      return result.values;
    } finally {
      blockFactory.releaseAll();
    }
  }

  close(): Promise<void> {
    this.engine = undefined;
    return Promise.resolve();
  }
}
