/**
 * Only the sync `ROW a = 1` figure of the full bench, for quick iterations on the HTTP path: the same
 * load as runtime/row-throughput.ts (50 keep-alive connections, 1 s warm-up, 5 s measured, node in a
 * child process), `ROW_RUNS` times (default 3), plus the node's CPU time per request (from
 * /proc/<pid>/stat, Linux only), which a busy machine distorts less than requests/s.
 *   node --expose-gc dist/bench/row-throughput-only.js
 * With BENCH_CHILD_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" the node is profiled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { keepAliveAgent, request } from './http-client.js';
import { ChildNode } from './runtime/child-node.js';

const CONNECTIONS = 50;
const SECONDS = 5;
const TICKS_PER_SECOND = 100;

/** utime + stime (clock ticks) of this process's child node. */
function childCpuTicks(): number {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === process.pid) return Number(fields[11]) + Number(fields[12]);
  }
  throw new Error('child node not found in /proc');
}

async function once(): Promise<{ requests: number; seconds: number; cpuSeconds: number }> {
  const node = await ChildNode.start(64);
  const agent = keepAliveAgent(CONNECTIONS);
  try {
    const lanes = async (until: number): Promise<number> => {
      let n = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < until) {
            const res = await request(agent, node.url, 'POST', '/_query', { query: 'ROW a = 1' });
            if (res.status !== 200) throw new Error(`${res.status} ${res.text.slice(0, 200)}`);
            n++;
          }
        }),
      );
      return n;
    };
    await lanes(performance.now() + 1000);
    const cpuBefore = childCpuTicks();
    const start = performance.now();
    const requests = await lanes(start + SECONDS * 1000);
    const seconds = (performance.now() - start) / 1000;
    return { requests, seconds, cpuSeconds: (childCpuTicks() - cpuBefore) / TICKS_PER_SECOND };
  } finally {
    agent.destroy();
    await node.close();
  }
}

const runs = Number(process.env.ROW_RUNS ?? 3);
const rates: number[] = [];
const cpuPerRequest: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  rates.push(r.requests / r.seconds);
  cpuPerRequest.push((r.cpuSeconds * 1e6) / r.requests);
  console.log(
    `run ${i + 1}: ${r.requests} requests in ${r.seconds.toFixed(2)} s = ${Math.round(r.requests / r.seconds)} req/s, ` +
      `node CPU ${Math.round((r.cpuSeconds * 1e6) / r.requests)} µs/request`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median of ${runs}: ${Math.round(median(rates))} req/s, node CPU ${Math.round(median(cpuPerRequest))} µs/request`);
