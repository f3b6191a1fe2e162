import type http from 'node:http';
import type { BenchDataset } from '../dataset.js';
import { keepAliveAgent, request } from '../http-client.js';
import { QUERIES, type QueryId, type ResultRow } from '../queries.js';
import type { BenchEngine } from './bench-engine.js';

/**
 * qactor through its ES-compatible API: `POST /_query` to a node started in this process over the
 * same catalog (see qactor-node.ts), answer parsed from JSON. Client and server share one event loop
 * and one core, as a co-located client of an embedded server would.
 */
export class QactorHttpEngine implements BenchEngine {
  readonly name = 'qactor HTTP';
  private readonly agent: http.Agent = keepAliveAgent(4);

  constructor(private readonly baseUrl: () => string) {}

  async load(_data: BenchDataset): Promise<void> {
    // The node already serves the dataset: qactor-node.ts puts it into the node's catalog.
  }

  async run(id: QueryId): Promise<readonly ResultRow[]> {
    const res = await request(this.agent, this.baseUrl(), 'POST', '/_query', { query: QUERIES[id].esql });
    if (res.status !== 200) throw new Error(`POST /_query answered ${res.status}: ${res.text.slice(0, 500)}`);
    const body = JSON.parse(res.text) as { values: ResultRow[] };
    return body.values;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }
}
