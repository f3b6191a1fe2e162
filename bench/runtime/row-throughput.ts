import { performance } from 'node:perf_hooks';
import { keepAliveAgent, request } from '../http-client.js';
import { ChildNode } from './child-node.js';

export interface RowThroughputFigure {
  readonly connections: number;
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly errors: readonly string[];
}

/**
 * Sync `ROW a = 1` over 50 keep-alive connections for a fixed time against a node in its own process
 * (the client runs here, on the other core).
 */
export async function measureRowThroughput(connections: number, seconds: number): Promise<RowThroughputFigure> {
  const node = await ChildNode.start(64);
  const agent = keepAliveAgent(connections);
  const errors: string[] = [];
  try {
    const body = { query: 'ROW a = 1' };
    const lanes = async (until: number, counter: { n: number }) => {
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < until) {
            const res = await request(agent, node.url, 'POST', '/_query', body);
            if (res.status !== 200 && errors.length < 5) errors.push(`${res.status} ${res.text.slice(0, 200)}`);
            counter.n++;
          }
        }),
      );
    };
    await lanes(performance.now() + 1000, { n: 0 }); // warm-up: JIT, connections
    const counter = { n: 0 };
    const start = performance.now();
    await lanes(start + seconds * 1000, counter);
    const elapsed = (performance.now() - start) / 1000;
    return { connections, requests: counter.n, seconds: elapsed, requestsPerSecond: counter.n / elapsed, errors };
  } finally {
    agent.destroy();
    await node.close();
  }
}
