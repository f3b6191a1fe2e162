import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { asEsError, toEsErrorBody } from '../errors.js';
import type { QueryRuntime } from '../runtime/query-runtime.js';
import { AUTHENTICATE_CHALLENGES } from '../security/security-errors.js';
import { stripUndefined } from '../strip-undefined.js';
import { CallerQueries } from './caller-queries.js';
import { GatewayConnection, type ConnectionLimits } from './gateway-connection.js';

/**
 * The WebSocket gateway: status pushed to clients instead of polled. It shares the HTTP server's port
 * (path `/_query/ws`). Liveness follows the ws README: every `heartbeatMs` each socket must have
 * answered the previous ping, or it is terminated. permessage-deflate is off: status frames are small
 * and compression costs memory per connection.
 */

export const WS_PATH = '/_query/ws';

export interface GatewayOptions extends Partial<ConnectionLimits> {
  readonly heartbeatMs?: number;
  readonly maxFrameBytes?: number;
  /**
   * Security on: the upgrade request's `Authorization` header (Basic or ApiKey, as for HTTP) names
   * the owner of everything done on the connection; a failure is answered 401 before the upgrade.
   */
  readonly authenticate?: (authorization: string | undefined, path: string) => Promise<{ readonly owner: string }>;
}

const DEFAULTS: ConnectionLimits & { heartbeatMs: number; maxFrameBytes: number } = {
  heartbeatMs: 30_000,
  maxFrameBytes: 1024 * 1024,
  maxSubscriptions: 1000,
  maxInFlightSubmits: 64,
  highWaterBytes: 256 * 1024,
  maxQueuedBytes: 4 * 1024 * 1024,
  defaultKeepAliveMs: 5 * 86_400_000,
  previewIntervalMs: 250,
};

export interface Gateway {
  /** Open connections (for metrics and tests). */
  readonly connectionCount: number;
  /** Backpressure figures over the open connections, plus slow clients closed so far (metrics, tests). */
  stats(): GatewayStats;
  close(): Promise<void>;
}

export interface GatewayStats {
  readonly connections: number;
  /** Bytes queued in the send buffers (frames waiting for slow clients); bounded per connection. */
  readonly queuedBytes: number;
  /** Status and preview frames replaced by a newer one while queued, over the open connections. */
  readonly coalescedFrames: number;
  /** Connections closed with 1008 for falling hopelessly behind, since start. */
  readonly slowClientsClosed: number;
}

export function attachGateway(server: Server, runtime: QueryRuntime, options: GatewayOptions = {}): Gateway {
  const settings = { ...DEFAULTS, ...stripUndefined(options) };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: settings.maxFrameBytes });
  const alive = new WeakMap<WebSocket, boolean>();
  const connections = new Set<GatewayConnection>();
  let slowClientsClosed = 0;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const authenticate = options.authenticate;
    if (authenticate === undefined) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request, undefined));
      return;
    }
    authenticate(request.headers.authorization, path).then(
      ({ owner }) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request, owner)),
      (err: unknown) => rejectUpgrade(socket, err),
    );
  };
  server.on('upgrade', onUpgrade);
  const callerQueries = new CallerQueries();

  wss.on('connection', (ws: WebSocket, _request: IncomingMessage, owner: string | undefined) => {
    const connection = new GatewayConnection(ws, runtime, settings, owner, callerQueries);
    connections.add(connection);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'binary frames are not supported');
        return;
      }
      connection.onMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(toBuffers(data)).toString('utf8'));
    });
    const closed = () => {
      if (!connections.delete(connection)) return;
      if (connection.out.overflowed) slowClientsClosed++;
      connection.close();
    };
    ws.on('close', closed);
    ws.on('error', closed);
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, settings.heartbeatMs);
  heartbeat.unref();

  return {
    get connectionCount() {
      return wss.clients.size;
    },
    stats: () => {
      let queuedBytes = 0;
      let coalescedFrames = 0;
      let overflowed = 0;
      for (const c of connections) {
        queuedBytes += c.out.pendingBytes;
        coalescedFrames += c.out.coalesced;
        // Closed with 1008 but the close handshake is still under way: already counts as closed.
        if (c.out.overflowed) overflowed++;
      }
      return { connections: connections.size, queuedBytes, coalescedFrames, slowClientsClosed: slowClientsClosed + overflowed };
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        server.off('upgrade', onUpgrade);
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        wss.close(() => resolve());
      }),
  };
}

/** The ES error envelope as a plain HTTP answer to the upgrade request. */
function rejectUpgrade(socket: Duplex, err: unknown): void {
  const error = asEsError(err);
  const body = JSON.stringify(toEsErrorBody(error));
  const challenge = error.status === 401 ? AUTHENTICATE_CHALLENGES.map((c) => `WWW-Authenticate: ${c}\r\n`).join('') : '';
  socket.end(
    `HTTP/1.1 ${error.status} ${error.status === 401 ? 'Unauthorized' : 'Error'}\r\nConnection: close\r\n` +
      `X-Elastic-Product: Elasticsearch\r\n${challenge}Content-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function toBuffers(data: Buffer | ArrayBuffer | Buffer[]): Buffer[] {
  if (Array.isArray(data)) return data;
  return [Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data)];
}
