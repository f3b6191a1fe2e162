import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
}

/** A keep-alive agent: every benchmark client reuses its connections, as a real client would. */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One HTTP request to 127.0.0.1 with an optional JSON body; resolves with the status and the whole body. */
export function request(agent: http.Agent, baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      {
        method,
        agent,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; no new task starts after
 * `deadline` (performance.now() ms). Resolves with how many were started.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  deadline = Infinity,
): Promise<number> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      await task(i);
    }
  });
  await Promise.all(lanes);
  return next;
}
