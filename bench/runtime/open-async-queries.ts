import { performance } from 'node:perf_hooks';
import { keepAliveAgent, request, runConcurrently } from '../http-client.js';
import { ChildNode } from './child-node.js';

export interface OpenAsyncFigure {
  readonly queries: number;
  /** How many were actually submitted (fewer when the submit phase hit its time bound). */
  readonly submitted: number;
  readonly submitPerSecond: number;
  readonly baselineRssBytes: number;
  readonly openRssBytes: number;
  readonly afterDeleteRssBytes: number;
  /** V8 heap in use (after GC): idle, with every query open, after deleting them all. */
  readonly heapBytes: { readonly idle: number; readonly open: number; readonly afterDelete: number };
  /** Of a sample of ids, how many still reported is_running after all were submitted. */
  readonly stillRunningSampled: string;
  readonly deletePerSecond: number;
  readonly errors: readonly string[];
}

/** Queries that stay running until deleted: one page that sleeps ten minutes. */
const OPEN_QUERY = 'ROW a = 1 | EVAL d = DELAY(10 minutes)';

/**
 * N async queries left open on one node (its own process, so RSS is the node's alone), submitted over
 * keep-alive connections; then each is deleted. Concurrency 50 on the client.
 */
export async function measureOpenAsyncQueries(count: number, phaseMaxMs: number): Promise<OpenAsyncFigure> {
  const node = await ChildNode.start(count + 16);
  const agent = keepAliveAgent(50);
  const errors: string[] = [];
  const ids: string[] = new Array<string>(count).fill('');
  try {
    // Warm the node's routes and JIT with a few submissions, deleted before the baseline.
    await runConcurrently(50, 10, async (i) => {
      ids[i] = await submit(node.url, agent, errors);
    });
    await runConcurrently(50, 10, async (i) => del(node.url, agent, ids[i], errors));
    const idle = await node.memory();
    const start = performance.now();
    const submitted = await runConcurrently(
      count,
      50,
      async (i) => {
        ids[i] = await submit(node.url, agent, errors);
      },
      start + phaseMaxMs,
    );
    const submitPerSecond = submitted / ((performance.now() - start) / 1000);
    const open = await node.memory();
    let running = 0;
    const sample = ids.filter((id, i) => id !== '' && i % Math.max(1, Math.floor(submitted / 20)) === 0);
    for (const id of sample) {
      const res = await request(agent, node.url, 'GET', `/_query/async/${encodeURIComponent(id)}`);
      if (res.status === 200 && (JSON.parse(res.text) as { is_running?: boolean }).is_running === true) running++;
    }
    const delStart = performance.now();
    const deleted = await runConcurrently(submitted, 50, async (i) => del(node.url, agent, ids[i], errors), delStart + phaseMaxMs);
    const deletePerSecond = deleted / ((performance.now() - delStart) / 1000);
    const afterDelete = await node.memory();
    return {
      queries: count,
      submitted,
      submitPerSecond,
      baselineRssBytes: idle.rss,
      openRssBytes: open.rss,
      afterDeleteRssBytes: afterDelete.rss,
      heapBytes: { idle: idle.heapUsed, open: open.heapUsed, afterDelete: afterDelete.heapUsed },
      stillRunningSampled: `${running}/${sample.length}`,
      deletePerSecond,
      errors: errors.slice(0, 5),
    };
  } finally {
    agent.destroy();
    await node.close();
  }
}

async function submit(url: string, agent: ReturnType<typeof keepAliveAgent>, errors: string[]): Promise<string> {
  const res = await request(agent, url, 'POST', '/_query/async', {
    query: OPEN_QUERY,
    wait_for_completion_timeout: '0s',
    keep_alive: '15m',
  });
  const view = JSON.parse(res.text) as { id?: string };
  if (res.status !== 200 || view.id === undefined) {
    if (errors.length < 100) errors.push(`submit: ${res.status} ${res.text.slice(0, 200)}`);
    return '';
  }
  return view.id;
}

async function del(url: string, agent: ReturnType<typeof keepAliveAgent>, id: string, errors: string[]): Promise<void> {
  if (id === '') return;
  const res = await request(agent, url, 'DELETE', `/_query/async/${encodeURIComponent(id)}`);
  if (res.status !== 200 && errors.length < 100) errors.push(`delete: ${res.status} ${res.text.slice(0, 200)}`);
}
