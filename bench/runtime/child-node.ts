import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest } from './qactor-child.js';

/** A qactor node in a child process (own heap, own RSS, own core), started and measured over IPC. */
export class ChildNode {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(maxRunningQueries: number): Promise<ChildNode> {
    const child = fork(fileURLToPath(new URL('./qactor-child.js', import.meta.url)), [], {
      // BENCH_CHILD_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the node under load.
      execArgv: ['--expose-gc', ...(process.env.BENCH_CHILD_NODE_OPTIONS ?? '').split(' ').filter((a) => a !== '')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = await ask(child, { type: 'start', maxRunningQueries });
    if (started.type !== 'started') throw new Error(`child node failed to start: ${JSON.stringify(started)}`);
    return new ChildNode(child, started.url);
  }

  /** RSS after two full GCs in the child. */
  async rss(): Promise<number> {
    return (await this.memory()).rss;
  }

  /** RSS and V8 heap in use, after two full GCs in the child. */
  async memory(): Promise<{ rss: number; heapUsed: number }> {
    const m = await ask(this.child, { type: 'memory' });
    if (m.type !== 'memory') throw new Error(`child memory probe failed: ${JSON.stringify(m)}`);
    return { rss: m.rss, heapUsed: m.heapUsed };
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' } satisfies ChildRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function ask(child: ChildProcess, request: ChildRequest): Promise<ChildReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child node exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: ChildReply) => {
      child.off('exit', onExit);
      resolve(m);
    });
    child.send(request);
  });
}
