import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { EsqlEngine } from '../../src/esql/engine.js';
import { buildServer } from '../../src/http/server.js';
import { LocalQueryRuntime, type RuntimePorts } from '../../src/runtime/local-query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { memoryPorts } from '../support/memory-ports.js';

/** The ES|QL REST docs example, plus a column that is null everywhere and a double column. */
export const BOOKS_CSV = `author:text,name:text,page_count:integer,release_date:date,rating:double,note:keyword
Peter F. Hamilton,Pandora's Star,768,2004-03-02T00:00:00.000Z,4.0,
Vernor Vinge,A Fire Upon the Deep,613,1992-06-01T00:00:00.000Z,4.5,
`;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly runtime: LocalQueryRuntime;
  readonly catalog: Catalog;
  close(): Promise<void>;
}

/**
 * The real stack on 127.0.0.1, port 0: catalog (`books` + a generated `logs`), EsqlEngine with test
 * functions (DELAY makes a query slow on demand), LocalQueryRuntime over the in-memory ports, and
 * the HTTP adapter. Servers given the same `ports` (with a directory) and distinct `nodeId`s form a cluster.
 */
export async function startTestServer(
  options: { logsRows?: number; stopGraceMs?: number; ports?: RuntimePorts; nodeId?: string } = {},
): Promise<TestServer> {
  const catalog = new Catalog();
  catalog.put(loadCsvIndex('books', BOOKS_CSV));
  catalog.put(generateLogs(options.logsRows ?? 2000, 7));
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(catalog, { testFunctions: true }),
    ports: options.ports ?? memoryPorts(new SystemClock()),
    ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
    stopGraceMs: options.stopGraceMs ?? 2000,
  });
  const app = buildServer(runtime, { nodeName: 'test-node', clusterName: 'test-cluster' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    runtime,
    catalog,
    close: async () => {
      await runtime.close();
      await app.close();
    },
  };
}
