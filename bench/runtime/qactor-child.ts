/**
 * Child-process entry: a bare qactor node (no dataset) whose RSS is its own, for the actor-scale and
 * `ROW a = 1` figures. Driven over IPC by child-node.ts; queried over HTTP by the parent.
 */
import { resolveConfig } from '../../src/config.js';
import { startQactor, type RunningQactor } from '../../src/main.js';

export type ChildRequest = { type: 'start'; maxRunningQueries: number } | { type: 'memory' } | { type: 'close' };
export type ChildReply =
  | { type: 'started'; url: string }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'error'; message: string };

let node: RunningQactor | undefined;
const gc = (globalThis as { gc?: () => void }).gc;
const reply = (m: ChildReply) => process.send?.(m);

process.on('message', (m: ChildRequest) => {
  void (async () => {
    try {
      switch (m.type) {
        case 'start':
          node = await startQactor(
            resolveConfig({ host: '127.0.0.1', port: 0, nodeName: 'bench-child', testFunctions: true, maxRunningQueries: m.maxRunningQueries }),
          );
          reply({ type: 'started', url: node.url });
          break;
        case 'memory':
          gc?.();
          gc?.();
          reply({ type: 'memory', rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed });
          break;
        case 'close':
          await node?.close();
          process.exit(0);
      }
    } catch (e) {
      reply({ type: 'error', message: String((e as Error).stack ?? e) });
    }
  })();
});
