import type { AddressInfo } from 'node:net';
import { EsqlEngine } from '../../src/esql/engine.js';
import { buildServer } from '../../src/http/server.js';
import { MemoryControlChannel } from '../../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import type { Authenticator } from '../../src/security/authenticator.js';
import { Catalog } from '../../src/storage/catalog.js';

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
    ports: {
      results: new MemoryResultStore(clock),
      status: new MemoryStatusBus(),
      control: new MemoryControlChannel(),
      nodes: new MemoryNodeRegistry(clock),
      clock,
    },
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
