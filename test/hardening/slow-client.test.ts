import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { startTestServer } from '../support/qactor-server.js';
import type { RunningQactor } from '../../src/main.js';

/**
 * Slow clients (slowloris): a client that never finishes its headers, or its body, is answered 408
 * with the ES envelope and disconnected, and the server keeps serving everyone else. Short timeouts
 * here; the defaults are 10 s for headers and 30 s for the whole request.
 */
describe('slow clients', () => {
  let node: RunningQactor;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    node = await startTestServer();
    app = buildServer(node.runtime, { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await node.close();
  });

  /** Sends `bytes`, then waits (bounded) for the server to answer and close. */
  function trickle(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer to a stalled request within 10 s; got [${answer}]`));
      }, 10_000);
    });
  }

  const stillServing = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
  };

  it('a client that never finishes its headers gets 408 with the ES envelope', async () => {
    const answer = await trickle('POST /_query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('X-Elastic-Product: Elasticsearch');
    expect(answer).toContain('"status":408');
    await stillServing();
  });

  it('a client that never finishes its body gets 408 and the server keeps serving', async () => {
    const answer = await trickle(
      'POST /_query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"type":"illegal_argument_exception"');
    await stillServing();
  });
});
