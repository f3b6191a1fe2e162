import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Socket } from 'node:net';
import { EsError, toEsErrorBody } from '../errors.js';
import type { QueryRuntime } from '../runtime/query-runtime.js';
import type { Authenticator } from '../security/authenticator.js';
import { registerAuthHook } from './auth-hook.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.js';
import { createErrorHandler, defaultReporter, handleNotFound, type UnexpectedErrorReporter } from './error-handler.js';
import type { QueryMetrics } from './query-metrics.js';
import { registerAsyncQueryRoutes } from './routes/async-query-routes.js';
import { registerConsoleRoutes } from './routes/console-routes.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import type { Catalog } from '../storage/catalog.js';
import type { PersistedIndices } from '../storage/persisted-indices.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';
import { registerQueryRoutes } from './routes/query-routes.js';
import { registerRootRoutes } from './routes/root-routes.js';
import { registerSecurityRoutes } from './routes/security-routes.js';
import type { RouteContext } from './route-context.js';
import { createServer as createHttpServer } from 'node:http';

/**
 * The Elasticsearch-compatible REST adapter: `/_query`, `/_query/async...` and the root info, in
 * ES's wire format so the official client and curl work unchanged. It knows only the QueryRuntime
 * interface and the error catalogue.
 */

export interface HttpServerOptions {
  /** Largest accepted request body (fastify answers 413 beyond it). Default 100 MiB, as ES. */
  readonly bodyLimitBytes?: number;
  readonly nodeName?: string;
  readonly clusterName?: string;
  /** The ES version reported by `GET /` and in `Warning` headers. */
  readonly version?: string;
  readonly logger?: FastifyServerOptions['logger'];
  /** Called with every non-EsError (a bug) before it is answered as an opaque 500. */
  readonly onUnexpectedError?: UnexpectedErrorReporter;
  /** Security on: every request must authenticate (Basic or ApiKey). Absent: security off. */
  readonly authenticator?: Authenticator;
  readonly limits?: Partial<RequestLimits>;
  /** Serves `/_metrics` from these counters (the runtime given to buildServer should be `metrics.runtime`). */
  readonly metrics?: QueryMetrics;
  /** A client must send its headers within this time (slowloris), default 10 s. */
  readonly headersTimeoutMs?: number;
  /** ... and its whole request (headers and body) within this time, default 30 s. */
  readonly requestTimeoutMs?: number;
  /** How often Node checks those two timeouts (its own default, 30 s, would let a slow client linger). */
  readonly timeoutCheckIntervalMs?: number;
  /** Serves the ingest API (`PUT /{index}`, `/_bulk`, `_cat/indices`, `DELETE /{index}`) into this catalog. */
  readonly catalog?: Catalog;
  /** `--data-dir`: the ingest API persists into it (its writers hold the replayed indices). */
  readonly persistedIndices?: PersistedIndices;
}

export const DEFAULT_ES_VERSION = '8.19.0';
const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024 * 1024;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = timeout ? 408 : tooLarge ? 431 : 400;
  const reason = timeout ? 'request timed out' : tooLarge ? 'request headers are too large' : 'malformed HTTP request';
  const body = JSON.stringify(toEsErrorBody(new EsError('illegal_argument_exception', reason, { status })));
  socket.end(
    `HTTP/1.1 ${status} ${timeout ? 'Request Timeout' : tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Connection: close\r\nX-Elastic-Product: Elasticsearch\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function buildServer(runtime: QueryRuntime, options: HttpServerOptions = {}): FastifyInstance {
  const handleError = createErrorHandler(
    options.onUnexpectedError ?? defaultReporter(options.logger !== undefined && options.logger !== false),
  );
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Time to receive a request, not to answer it: a long wait_for_completion is unaffected.
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    serverFactory: (handler) =>
      createHttpServer(
        {
          headersTimeout: options.headersTimeoutMs ?? 10_000,
          requestTimeout: options.requestTimeoutMs ?? 30_000,
          connectionsCheckingInterval: options.timeoutCheckIntervalMs ?? 1_000,
        },
        handler,
      ),
    // A malformed path (`%ZZ`) fails in the router, before any hook: still answer the ES way.
    frameworkErrors: (error, request, reply) => {
      void handleError(error, request, reply);
    },
    // Requests too broken to route (bad request line, oversized headers, header timeout) still
    // get the ES envelope; the socket is then closed, as the HTTP parser cannot resync.
    clientErrorHandler: answerClientError,
  });
  const ctx: RouteContext = {
    runtime,
    version: options.version ?? DEFAULT_ES_VERSION,
    nodeName: options.nodeName ?? hostname(),
    clusterName: options.clusterName ?? 'qactor',
    clusterUuid: randomBytes(16).toString('base64url').slice(0, 22),
    limits: { ...DEFAULT_REQUEST_LIMITS, ...options.limits },
    ...(options.authenticator === undefined ? {} : { authenticator: options.authenticator }),
  };

  // Bodies are parsed by the ES-style JSON reader in the routes, whatever the content type says:
  // the JS client sends `application/vnd.elasticsearch+json; compatible-with=8`, curl -d sends
  // form-urlencoded, and some clients send text/plain or nothing at all.
  app.removeAllContentTypeParsers();
  // Bytes are decoded strictly: invalid UTF-8 is a 400 (as Jackson's), never silently replaced.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, STRICT_UTF8.decode(body as Buffer));
    } catch {
      done(new EsError('x_content_parse_exception', '[1:1] Invalid UTF-8 in request body'), undefined);
    }
  });

  // The JS client rejects any 2xx without this header (ProductNotSupportedError). ES echoes
  // X-Opaque-Id so clients can match responses (and logs) to their requests. A callback hook, not an
  // async one: nothing here waits, and a promise per request is measurable on small queries.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Elastic-Product', 'Elasticsearch');
    const opaqueId = request.headers['x-opaque-id'];
    if (typeof opaqueId === 'string') reply.header('X-Opaque-Id', opaqueId);
    done();
  });

  // After the product header hook: a 401 still carries X-Elastic-Product, as the JS client expects.
  if (options.authenticator !== undefined) registerAuthHook(app, options.authenticator);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  registerRootRoutes(app, ctx);
  registerQueryRoutes(app, ctx);
  registerAsyncQueryRoutes(app, ctx);
  registerSecurityRoutes(app, ctx);
  registerConsoleRoutes(app);
  if (options.metrics !== undefined) registerMetricsRoutes(app, options.metrics);
  if (options.catalog !== undefined) registerIngestRoutes(app, options.catalog, options.persistedIndices);
  return app;
}
