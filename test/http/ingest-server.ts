import type { AddressInfo } from 'node:net';
import { EsqlEngine } from '../../src/esql/engine.js';
import { buildServer } from '../../src/http/server.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import type { Authenticator } from '../../src/security/authenticator.js';
import { Catalog } from '../../src/storage/catalog.js';
import { memoryPorts } from '../support/memory-ports.js';

export interface IngestServer {
  readonly url: string;
  readonly catalog: Catalog;
  close(): Promise<void>;
}

/** The real stack on 127.0.0.1 with the ingest API on, over an empty catalog (security on with an authenticator). */
export async function startIngestServer(options: { authenticator?: Authenticator } = {}): Promise<IngestServer> {
  const catalog = new Catalog();
  const clock = new SystemClock();
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(catalog),
    ports: memoryPorts(clock),
  });
  const app = buildServer(runtime, { nodeName: 'ingest-node', catalog, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    catalog,
    close: async () => {
      await runtime.close();
      await app.close();
    },
  };
}
