import type { FastifyReply, FastifyRequest } from 'fastify';
import type { QueryRuntime } from '../runtime/query-runtime.js';
import type { Authenticator } from '../security/authenticator.js';
import type { RequestLimits } from './request-limits.js';
import type { RenderedBody } from '../format/result-renderer.js';
import { selectResponseFormat, type ResponseFormat } from './media-type.js';
import { booleanParam, pathOf, stringParam, type UrlParams } from './request-params.js';

/** What every route needs from the server: the runtime and the identity it reports. */
export interface RouteContext {
  readonly runtime: QueryRuntime;
  readonly version: string;
  readonly nodeName: string;
  readonly clusterName: string;
  readonly clusterUuid: string;
  readonly limits: RequestLimits;
  /** Undefined when security is off (no `--users`). */
  readonly authenticator?: Authenticator;
}

export interface ResponseOptions {
  readonly format: ResponseFormat;
  readonly dropNullColumns: boolean;
  readonly pretty: boolean;
}

export const urlParams = (request: FastifyRequest): UrlParams => (request.query ?? {}) as UrlParams;

/** Response knobs shared by every ES|QL endpoint: format, delimiter, header, drop_null_columns, pretty. */
export function responseOptions(request: FastifyRequest): ResponseOptions {
  const params = urlParams(request);
  const format = selectResponseFormat({
    format: stringParam(params, 'format'),
    accept: request.headers.accept,
    contentType: request.headers['content-type'],
    delimiter: stringParam(params, 'delimiter'),
    header: stringParam(params, 'header'),
    path: pathOf(request.url),
  });
  return {
    format,
    dropNullColumns: booleanParam(params, 'drop_null_columns', false),
    pretty: booleanParam(params, 'pretty', false),
  };
}

/** The raw request body, or ES's `?source=` substitute when there is none. */
export function bodyText(request: FastifyRequest): string | undefined {
  const body = request.body;
  if (typeof body === 'string' && body.trim() !== '') return body;
  return stringParam(urlParams(request), 'source');
}

export function sendRendered(reply: FastifyReply, rendered: RenderedBody): FastifyReply {
  return sendBody(reply, rendered.contentType, rendered.body);
}

/**
 * Sends text with exactly this content type. Fastify rewrites the type of a string JSON payload
 * (adds a charset, quotes `compatible-with="8"`); a Buffer payload keeps the header as set.
 */
export function sendBody(reply: FastifyReply, contentType: string, body: string): FastifyReply {
  return reply.header('content-type', contentType).send(Buffer.from(body, 'utf8'));
}
