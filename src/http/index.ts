/**
 * The HTTP adapter: Elasticsearch's ES|QL REST API (`POST /_query`, `POST /_query/async`,
 * `GET|DELETE /_query/async/{id}`, `POST /_query/async/{id}/stop`, `GET|HEAD /`) on fastify, wire
 * compatible with the official client and curl. Requests are parsed by an ES-style JSON reader
 * (exact longs, `[line:column]` errors) and validated like ES's object parsers; results are rendered
 * as JSON (bigint-safe, Java double text), txt, csv or tsv. It depends only on the QueryRuntime
 * interface and the error catalogue.
 */
export { buildServer, DEFAULT_ES_VERSION, type HttpServerOptions } from './server.js';
export type { UnexpectedErrorReporter } from './error-handler.js';
