import { Agent, request } from 'node:http';
import type { AsyncBody } from './soak-check.js';

export interface JsonResponse {
  readonly status: number;
  readonly body: AsyncBody | undefined;
}

/**
 * HTTP/1.1 with keep-alive over a bounded pool of sockets (node:http Agent), as a busy ES client
 * would talk to the node. `abortAfterMs` cuts the socket mid-request: a client that went away.
 */
export class KeepAliveClient {
  readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        this.baseUrl + path,
        {
          method,
          agent: this.agent,
          headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text.length === 0 ? undefined : (JSON.parse(text) as AsyncBody) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Starts a request and destroys its socket after `abortAfterMs`; resolves once the socket is gone. */
  sendAndAbort(method: string, path: string, abortAfterMs: number): Promise<void> {
    return new Promise((resolve) => {
      const req = request(this.baseUrl + path, { method, agent: this.agent });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, abortAfterMs);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
