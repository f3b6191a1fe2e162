import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { EsError, asEsError, illegalArgument, toEsErrorBody } from '../errors.js';
import { writeJson } from '../format/json-writer.js';
import { errorFields, type Log } from '../runtime/log.js';
import { pathOf } from './request-params.js';
import { sendBody } from './route-context.js';

/** ES|QL routes by path, for ES's 405 "Incorrect HTTP method" answer. */
const ROUTE_METHODS: readonly { readonly pattern: RegExp; readonly methods: readonly string[] }[] = [
  { pattern: /^\/$/, methods: ['GET', 'HEAD'] },
  { pattern: /^\/_query$/, methods: ['POST'] },
  { pattern: /^\/_query\/async$/, methods: ['POST'] },
  { pattern: /^\/_query\/async\/[^/]+$/, methods: ['GET', 'DELETE'] },
  { pattern: /^\/_query\/async\/[^/]+\/stop$/, methods: ['POST'] },
  { pattern: /^\/_security\/api_key$/, methods: ['POST', 'PUT', 'DELETE'] },
  { pattern: /^\/_security\/_authenticate$/, methods: ['GET'] },
];

/**
 * Every failure leaves as an ES error envelope with its status. Fastify's own 4xx (body too large,
 * bad URL, bad content length) are mapped to ES types; anything that is not an EsError is a bug:
 * logged with its stack, answered as an opaque 500 `status_exception`, never echoed.
 */
export type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;
export type UnexpectedErrorReporter = (error: unknown, request: FastifyRequest) => void;

export function createErrorHandler(reportUnexpected: UnexpectedErrorReporter): ErrorHandler {
  return (error, request, reply) => {
    const esError = toHttpError(error);
    if (!(error instanceof EsError) && esError.status >= 500) reportUnexpected(error, request);
    return sendError(request, reply, esError);
  };
}

/** Through fastify's logger when it has one; otherwise a bug would vanish without a trace. */
export function defaultReporter(hasLogger: boolean): UnexpectedErrorReporter {
  return (error, request) => {
    const what = `unexpected error while handling ${request.method} ${pathOf(request.url)}`;
    if (hasLogger) request.log.error({ err: error }, what);
    else console.error(`${what}:`, error);
  };
}

/**
 * Into the node's operational log: method and path (no query string, no headers: they may hold
 * credentials) and the error with its stack.
 */
export function logUnexpectedErrors(log: Log): UnexpectedErrorReporter {
  return (error, request) =>
    log.error('unexpected error while handling a request', {
      'http.request.method': request.method,
      'url.path': pathOf(request.url),
      ...errorFields(error, true),
    });
}

/** True for a path that is one of the API endpoints (so `PUT /_query` is a wrong method, not an index). */
export function isApiPath(path: string): boolean {
  return ROUTE_METHODS.some((r) => r.pattern.test(path));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(request.url);
  const route = ROUTE_METHODS.find((r) => r.pattern.test(path));
  if (route !== undefined) {
    const err = new EsError(
      'illegal_argument_exception',
      `Incorrect HTTP method for uri [${request.url}] and method [${request.method}], allowed: [${route.methods.join(', ')}]`,
      { status: 405 },
    );
    reply.header('Allow', route.methods.join(','));
    return sendError(request, reply, err);
  }
  return sendError(request, reply, illegalArgument(`no handler found for uri [${request.url}] and method [${request.method}]`));
}

function sendError(request: FastifyRequest, reply: FastifyReply, err: EsError): FastifyReply {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const pretty = query.pretty !== undefined && query.pretty !== 'false';
  // Set here too: router-level failures answer before the onRequest hook runs.
  reply.header('X-Elastic-Product', 'Elasticsearch');
  return sendBody(reply.status(err.status), 'application/json', writeJson(toEsErrorBody(err) as never, pretty));
}

function toHttpError(error: unknown): EsError {
  if (error instanceof EsError) return error;
  const fastifyError = error as Partial<FastifyError> | undefined;
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (fastifyError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new EsError('request_entity_too_large_exception', 'Request body is too large');
  }
  // Fastify's own client errors (malformed URL, bad content length, aborted body) are safe to echo.
  if (status >= 400 && status < 500 && typeof fastifyError?.message === 'string') {
    return new EsError('illegal_argument_exception', fastifyError.message, { status });
  }
  return asEsError(error);
}
