import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

/** One `qactor serve` OS process, started from the built CLI (`npm run build` output). */
export interface QactorProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Output so far (the JSON log on stdout, then stderr), for failure messages. */
  log(): string;
  /** stdout so far: with the default `--log-format json`, one JSON log line per line. */
  stdout(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startQactorProcess(
  name: string,
  args: readonly string[],
  startTimeoutMs = 45_000,
  env: NodeJS.ProcessEnv = {},
): Promise<QactorProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the cluster tests`);
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--node-name', name, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${name} did not print "listening on" within ${startTimeoutMs} ms:\n${stderr}`));
    }, startTimeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening on (http:\/\/[^\s"]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`node ${name} exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });
  return {
    name,
    url,
    pid: child.pid!,
    log: () => stdout + stderr,
    stdout: () => stdout,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      // A graceful stop may wait on Redis; never let a test hang on it.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One JSON request to a node; the body of an error answer is returned, not thrown. */
export async function call(node: QactorProcess, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  const res = await fetch(node.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
