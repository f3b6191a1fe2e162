import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Block } from '../../src/compute/block.js';
import { EsqlEngine } from '../../src/esql/engine.js';
import { MemoryControlChannel } from '../../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import { LocalQueryRuntime } from '../../src/runtime/local-query-runtime.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { Catalog } from '../../src/storage/catalog.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';
import { attachGateway, type Gateway, type GatewayOptions } from '../../src/ws/gateway.js';

/** Rows of `ticks`, in pages of TICK_PAGE so progress moves (and a status event goes out) every page. */
export const TICKS = 3_000;
const TICK_PAGE = 10;
/** Rows of `bulk`, each a 100-char keyword: a `FROM bulk` result frame is about 60 KB. */
export const BULK_ROWS = 500;

function catalog(): Catalog {
  const c = new Catalog();
  const tickSegments = [];
  for (let from = 0; from < TICKS; from += TICK_PAGE) {
    const values = new Float64Array(TICK_PAGE);
    for (let i = 0; i < TICK_PAGE; i++) values[i] = from + i;
    const block: Block = { type: 'long', positionCount: TICK_PAGE, values };
    tickSegments.push({ positionCount: TICK_PAGE, blocks: [block] });
  }
  const ticks: StoredIndex = { name: 'ticks', columns: [{ name: 'n', type: 'long' }], rowCount: TICKS, segments: tickSegments };
  c.put(ticks);
  const strings: string[] = [];
  for (let i = 0; i < BULK_ROWS; i++) strings.push(String(i).padStart(100, 'x'));
  const block: Block = { type: 'keyword', positionCount: BULK_ROWS, values: strings };
  c.put({ name: 'bulk', columns: [{ name: 's', type: 'keyword' }], rowCount: BULK_ROWS, segments: [{ positionCount: BULK_ROWS, blocks: [block] }] });
  return c;
}

export interface GatewayNode {
  readonly url: string;
  readonly gateway: Gateway;
  readonly runtime: LocalQueryRuntime;
  close(): Promise<void>;
}

/**
 * A bare node on 127.0.0.1: plain HTTP server + runtime + WebSocket gateway with the given options
 * (short heartbeats, tiny buffers), over the `ticks` and `bulk` indices. Progress is published every
 * 10 ms so a slow query streams many status events.
 */
export async function startGatewayNode(options: GatewayOptions = {}): Promise<GatewayNode> {
  const clock = new SystemClock();
  const runtime = new LocalQueryRuntime({
    engine: new EsqlEngine(catalog(), { testFunctions: true }),
    ports: {
      results: new MemoryResultStore(clock),
      status: new MemoryStatusBus(),
      control: new MemoryControlChannel(),
      nodes: new MemoryNodeRegistry(clock),
      clock,
    },
    nodeId: 'ws-node',
    progressIntervalMs: 10,
    stopGraceMs: 1_000,
  });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const gateway = attachGateway(server, runtime, options);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    runtime,
    close: async () => {
      await runtime.close();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `cond` on the event loop (no timing assumptions: only a generous bound against hanging). */
export async function until(cond: () => boolean, what: string, maxMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > maxMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
