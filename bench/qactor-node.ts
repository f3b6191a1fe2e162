import { resolveConfig } from '../src/config.js';
import { startQactor, type RunningQactor } from '../src/main.js';
import type { BenchDataset } from './dataset.js';

/**
 * A real qactor HTTP node in this process, on 127.0.0.1 and an ephemeral port, serving the bench
 * dataset (the very same StoredIndex object the in-process engine reads, so no second copy).
 */
export async function startBenchNode(data: BenchDataset): Promise<RunningQactor> {
  const node = await startQactor(resolveConfig({ host: '127.0.0.1', port: 0, nodeName: 'bench', testFunctions: true }));
  node.catalog.put(data.index);
  return node;
}
