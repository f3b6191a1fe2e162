/**
 * Worker-thread client for the stop-latency figure: keeps 4 heavy queries running on the node (sync
 * `POST /_query`, resubmitted as each ends), and meanwhile submits a heavy async query and stops it,
 * timing stop request -> response. A separate thread, so the client never waits on the server's loop.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { keepAliveAgent, request } from '../http-client.js';

export interface StopLatencyInput {
  readonly url: string;
  readonly heavyQuery: string;
  readonly targetQuery: string;
  readonly heavyCount: number;
  readonly samples: number;
  readonly maxMs: number;
}

export interface StopLatencyOutput {
  stopMs: number[];
  partial: number;
  completedBeforeStop: number;
  heavyCompleted: number;
  errors: string[];
}

const input = workerData as StopLatencyInput;
const agent = keepAliveAgent(input.heavyCount + 4);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<StopLatencyOutput> {
  const out: StopLatencyOutput = { stopMs: [], partial: 0, completedBeforeStop: 0, heavyCompleted: 0, errors: [] };
  let done = false;
  const heavy = Array.from({ length: input.heavyCount }, async () => {
    while (!done) {
      const res = await request(agent, input.url, 'POST', '/_query', { query: input.heavyQuery });
      if (res.status !== 200) out.errors.push(`heavy query: ${res.status} ${res.text.slice(0, 200)}`);
      else out.heavyCompleted++;
    }
  });
  await sleep(300);
  const deadline = performance.now() + input.maxMs;
  for (let i = 0; i < input.samples && performance.now() < deadline && out.errors.length < 5; i++) {
    const submit = await request(agent, input.url, 'POST', '/_query/async', {
      query: input.targetQuery,
      wait_for_completion_timeout: '0s',
      keep_on_completion: true,
      keep_alive: '1m',
    });
    const view = JSON.parse(submit.text) as { id?: string; is_running?: boolean };
    if (submit.status !== 200 || view.id === undefined) {
      out.errors.push(`async submit: ${submit.status} ${submit.text.slice(0, 200)}`);
      continue;
    }
    const id = encodeURIComponent(view.id);
    if (view.is_running !== true) out.completedBeforeStop++;
    else {
      // Let it get a few slices in, so the stop cuts real work.
      await sleep(5 + (i % 4) * 10);
      const start = performance.now();
      const stop = await request(agent, input.url, 'POST', `/_query/async/${id}/stop`);
      out.stopMs.push(performance.now() - start);
      if (stop.status !== 200) out.errors.push(`stop: ${stop.status} ${stop.text.slice(0, 200)}`);
      else if ((JSON.parse(stop.text) as { is_partial?: boolean }).is_partial === true) out.partial++;
    }
    await request(agent, input.url, 'DELETE', `/_query/async/${id}`);
  }
  done = true;
  await Promise.all(heavy);
  agent.destroy();
  return out;
}

main().then(
  (out) => parentPort?.postMessage(out),
  (e: Error) => parentPort?.postMessage({ stopMs: [], partial: 0, completedBeforeStop: 0, heavyCompleted: 0, errors: [String(e.stack ?? e)] }),
);
