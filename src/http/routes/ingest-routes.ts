import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageBytes } from '../../compute/page-bytes.js';
import { ES_ERROR_TYPES, EsError, type EsErrorType } from '../../errors.js';
import { executeBulk, invalidIndexName, type BulkResponse } from '../../storage/bulk-request.js';
import type { Catalog } from '../../storage/catalog.js';
import { MappingError, parseMappings } from '../../storage/index-mapping.js';
import { IndexWriters } from '../../storage/index-writers.js';
import type { PersistedIndices } from '../../storage/persisted-indices.js';
import type { StoredIndex } from '../../storage/stored-index.js';
import { hasPrivilege } from '../../security/roles.js';
import { actionUnauthorized } from '../../security/security-errors.js';
import { booleanParam, stringParam } from '../request-params.js';
import { sendBody, urlParams } from '../route-context.js';
import { handleNotFound, isApiPath } from '../error-handler.js';

/**
 * Ingest in Elasticsearch's wire format, so `client.helpers.bulk` and curl load data that `FROM`
 * then reads: `PUT /{index}` (mappings), `POST [/{index}]/_bulk`, `GET /_cat/indices`,
 * `HEAD|DELETE /{index}`. Routes pass the auth hook like every other route.
 */
export function registerIngestRoutes(app: FastifyInstance, catalog: Catalog, persisted?: PersistedIndices): void {
  // With --data-dir the writers are the ones the data dir was replayed into.
  const writers = persisted?.writers ?? new IndexWriters(catalog);
  const now = () => performance.now();
  // qactor has no index privileges: with security on, changing data takes `all` (superuser), as
  // reading it takes only authentication. Security off: request.principal is undefined.
  const mayWrite = (request: FastifyRequest, action: string): void => {
    const principal = request.principal;
    if (principal !== undefined && !hasPrivilege(principal.privileges, 'all')) throw actionUnauthorized(action, principal.username);
  };

  app.put<{ Params: { index: string } }>('/:index', async (request, reply) => {
    if (isApiPath(`/${request.params.index}`)) return handleNotFound(request, reply);
    mayWrite(request, 'indices:admin/create');
    const { index } = request.params;
    const nameError = invalidIndexName(index);
    if (nameError !== undefined) return sendError(reply, 'invalid_index_name_exception', nameError, index);
    let fields;
    try {
      fields = parseMappings(jsonBody(request));
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      return sendError(reply, 'mapper_parsing_exception', e.message, index);
    }
    if (!writers.create(index, fields)) {
      return sendError(reply, 'resource_already_exists_exception', `index [${index}/${writers.uuid(index)}] already exists`, index);
    }
    await persisted?.created(index, fields);
    return sendJson(reply, request, { acknowledged: true, shards_acknowledged: true, index });
  });

  app.head<{ Params: { index: string } }>('/:index', async (request, reply) => {
    if (isApiPath(`/${request.params.index}`)) return handleNotFound(request, reply);
    return reply.code(catalog.get(request.params.index) === undefined ? 404 : 200).send();
  });

  app.delete<{ Params: { index: string } }>('/:index', async (request, reply) => {
    if (isApiPath(`/${request.params.index}`)) return handleNotFound(request, reply);
    mayWrite(request, 'indices:admin/delete');
    const names = request.params.index.split(',');
    // ES 8 defaults to action.destructive_requires_name: a wildcard must not drop indices by accident.
    if (names.some((n) => n.includes('*') || n === '_all')) {
      throw new EsError('illegal_argument_exception', 'Wildcard expressions or all indices are not allowed');
    }
    const missing = names.find((n) => catalog.get(n) === undefined);
    if (missing !== undefined) return sendError(reply, 'index_not_found_exception', `no such index [${missing}]`, missing);
    for (const n of names) writers.delete(n);
    if (persisted !== undefined) await Promise.all(names.map((n) => persisted.deleted(n)));
    return sendJson(reply, request, { acknowledged: true });
  });

  const bulk = async (request: FastifyRequest<{ Params: { index?: string } }>, reply: FastifyReply) => {
    mayWrite(request, 'indices:data/write/bulk');
    const body = typeof request.body === 'string' ? request.body : '';
    if (body.trim() === '') throw new EsError('action_request_validation_exception', 'Validation Failed: 1: no requests added;');
    // Acknowledged only once its documents are durable. Documents accepted before a malformed line
    // (which fails the request) stay in the writers, so they are journaled too.
    const journal = persisted?.bulk();
    let response: BulkResponse;
    try {
      response = executeBulk(body, request.params.index, writers, now, journal?.onIndexed);
    } finally {
      await journal?.commit();
    }
    return sendJson(reply, request, response);
  };
  for (const path of ['/_bulk', '/:index/_bulk']) {
    app.post(path, bulk);
    app.put(path, bulk);
  }

  const catIndices = async (request: FastifyRequest<{ Params: { index?: string } }>, reply: FastifyReply) => {
    const pattern = request.params.index ?? '*';
    const rows = pattern.split(',').flatMap((p) => catalog.resolve(p)).map((idx) => catRow(idx, writers.uuid(idx.name)));
    const params = urlParams(request);
    if (stringParam(params, 'format') === 'json') return sendJson(reply, request, rows);
    return sendBody(reply, 'text/plain; charset=UTF-8', textTable(rows, booleanParam(params, 'v', false)));
  };
  app.get('/_cat/indices', catIndices);
  app.get('/_cat/indices/:index', catIndices);
}

const CAT_COLUMNS = ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size', 'dataset.size'] as const;
type CatRow = Record<(typeof CAT_COLUMNS)[number], string>;

function catRow(idx: StoredIndex, uuid: string): CatRow {
  let bytes = 0;
  for (const page of idx.segments) bytes += pageBytes(page);
  const size = humanBytes(bytes);
  return {
    health: 'green',
    status: 'open',
    index: idx.name,
    uuid,
    pri: '1',
    rep: '0',
    'docs.count': String(idx.rowCount),
    'docs.deleted': '0',
    'store.size': size,
    'pri.store.size': size,
    'dataset.size': size,
  };
}

/** ES's `_cat` text: space-aligned columns, a header line only with `?v`. */
function textTable(rows: readonly CatRow[], header: boolean): string {
  const lines: string[][] = rows.map((r) => CAT_COLUMNS.map((c) => r[c]));
  if (header) lines.unshift([...CAT_COLUMNS]);
  const widths = CAT_COLUMNS.map((_, i) => Math.max(0, ...lines.map((l) => l[i].length)));
  return lines.map((l) => `${l.map((cell, i) => cell.padEnd(widths[i])).join(' ').trimEnd()}\n`).join('');
}

function humanBytes(n: number): string {
  const units = ['b', 'kb', 'mb', 'gb', 'tb'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v}b` : `${Number(v.toFixed(1))}${units[u]}`;
}

function jsonBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw new EsError('x_content_parse_exception', `[1:1] ${e instanceof Error ? e.message : String(e)}`);
  }
}

const sendJson = (reply: FastifyReply, request: FastifyRequest, body: unknown) =>
  sendBody(reply, 'application/json', JSON.stringify(body, null, booleanParam(urlParams(request), 'pretty', false) ? 2 : undefined));

/** The ES error envelope for types the shared catalogue does not name (they exist only here). */
/** An index-level error: the catalogue's type and status, plus the `index` fields ES adds to these. */
function sendError(reply: FastifyReply, type: EsErrorType, reason: string, index: string): FastifyReply {
  const status = ES_ERROR_TYPES[type];
  const cause = { type, reason, index_uuid: '_na_', index };
  return reply.code(status).header('content-type', 'application/json').send(Buffer.from(JSON.stringify({ error: { root_cause: [cause], ...cause }, status })));
}
