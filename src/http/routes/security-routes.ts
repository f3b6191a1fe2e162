import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EsError, illegalArgument } from '../../errors.js';
import type { ApiKeyRecord } from '../../security/api-key-store.js';
import type { Authenticator } from '../../security/authenticator.js';
import type { Principal } from '../../security/principal.js';
import { hasPrivilege, isClusterPrivilege, type ClusterPrivilege } from '../../security/roles.js';
import { actionUnauthorized } from '../../security/security-errors.js';
import { writeJson } from '../../format/json-writer.js';
import { formatLocation, parseEsJson, type JsonObject, type JsonValue } from '../json/es-json-parser.js';
import { booleanParam, COMMON_PARAMS, pathOf, rejectUnknownParams } from '../request-params.js';
import { bodyText, sendBody, urlParams, type RouteContext } from '../route-context.js';
import { parseTimeValue } from '../../format/time-value.js';

const CREATE_ACTION = 'cluster:admin/xpack/security/api_key/create';
const INVALIDATE_ACTION = 'cluster:admin/xpack/security/api_key/invalidate';

/**
 * `POST|PUT /_security/api_key` (create), `DELETE /_security/api_key` (invalidate) and
 * `GET /_security/_authenticate`, in ES's request and response shapes. A key acts for the user who
 * created it, with that user's roles, optionally narrowed by `role_descriptors` cluster privileges.
 */
export function registerSecurityRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const create = async (request: FastifyRequest) => {
    const { authenticator, principal } = requireSecurity(ctx, request);
    rejectUnknownParams(urlParams(request), [...COMMON_PARAMS, 'refresh'], pathOf(request.url));
    // ES refuses to derive a key from a key: a leaked key must not be able to mint fresh ones.
    if (principal.authenticationType === 'api_key') throw actionUnauthorized(CREATE_ACTION, principal.username);
    const body = readBody(request, 'api_key_request', { name: 'string', expiration: 'scalar', role_descriptors: 'object', metadata: 'object' });
    const name = body.name as string | undefined;
    if (name === undefined || name.trim() === '') {
      throw new EsError('action_request_validation_exception', 'Validation Failed: 1: api key name is required;');
    }
    const expiresInMs =
      body.expiration === undefined || body.expiration === null
        ? undefined
        : positiveTime(typeof body.expiration === 'number' ? String(body.expiration) : (body.expiration as string), 'expiration');
    const restrictedTo = body.role_descriptors === undefined ? undefined : clusterPrivileges(body.role_descriptors as JsonObject);
    const created = await authenticator.apiKeys.create({
      name,
      username: principal.username,
      roles: principal.roles,
      ...(restrictedTo === undefined ? {} : { restrictedTo }),
      ...(expiresInMs === undefined ? {} : { expiresInMs }),
    });
    return {
      id: created.id,
      name: created.name,
      ...(created.expirationMs === undefined ? {} : { expiration: created.expirationMs }),
      api_key: created.apiKey,
      encoded: created.encoded,
    };
  };
  app.post('/_security/api_key', async (request, reply) => sendJson(request, reply, await create(request)));
  app.put('/_security/api_key', async (request, reply) => sendJson(request, reply, await create(request)));

  app.delete('/_security/api_key', async (request, reply) => {
    const { authenticator, principal } = requireSecurity(ctx, request);
    rejectUnknownParams(urlParams(request), [...COMMON_PARAMS], pathOf(request.url));
    const body = readBody(request, 'invalidate_api_key_request', { ids: 'strings', id: 'string', name: 'string', owner: 'boolean', username: 'string', realm_name: 'string' });
    const manageAll = hasPrivilege(principal.privileges, 'manage_api_key');
    const ownOnly = body.owner === true || !manageAll;
    if (body.ids === undefined && body.id === undefined && body.name === undefined && body.username === undefined && body.owner !== true) {
      throw new EsError(
        'action_request_validation_exception',
        'Validation Failed: 1: One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false;',
      );
    }
    if (body.username !== undefined && ownOnly && body.username !== principal.username) {
      throw actionUnauthorized(INVALIDATE_ACTION, principal.username);
    }
    const ids = [...((body.ids as string[] | undefined) ?? []), ...(body.id === undefined ? [] : [body.id as string])];
    const matches = (r: ApiKeyRecord) =>
      (ids.length === 0 || ids.includes(r.id)) &&
      (body.name === undefined || r.name === body.name) &&
      (body.username === undefined || r.username === body.username) &&
      (!ownOnly || r.username === principal.username) &&
      // A key may invalidate only itself (ES: "owner" of an API key session is the key).
      (principal.apiKey === undefined || r.id === principal.apiKey.id);
    // Named ids are looked up directly; the other forms search every stored key.
    const candidates = ids.length > 0 ? ids : (await authenticator.apiKeys.list()).filter(matches).map((r) => r.id);
    const result = await authenticator.apiKeys.invalidate(candidates, matches);
    return sendJson(request, reply, {
      invalidated_api_keys: result.invalidated,
      previously_invalidated_api_keys: result.previouslyInvalidated,
      error_count: 0,
    });
  });

  app.get('/_security/_authenticate', async (request, reply) => {
    const { principal } = requireSecurity(ctx, request);
    rejectUnknownParams(urlParams(request), [...COMMON_PARAMS], pathOf(request.url));
    const realm = principal.authenticationType === 'api_key' ? { name: '_es_api_key', type: '_es_api_key' } : { name: 'file', type: 'file' };
    return sendJson(request, reply, {
      username: principal.username,
      roles: principal.roles,
      full_name: null,
      email: null,
      metadata: {},
      enabled: true,
      authentication_realm: realm,
      lookup_realm: realm,
      authentication_type: principal.authenticationType,
      ...(principal.apiKey === undefined ? {} : { api_key: principal.apiKey }),
    });
  });
}

function requireSecurity(ctx: RouteContext, request: FastifyRequest): { authenticator: Authenticator; principal: Principal } {
  if (ctx.authenticator === undefined || request.principal === undefined) {
    throw illegalArgument('security is not enabled on this node: start qactor with --users FILE to use the security APIs');
  }
  return { authenticator: ctx.authenticator, principal: request.principal };
}

type Kind = 'string' | 'strings' | 'boolean' | 'object' | 'scalar';

/** ES object-parser style: unknown fields and wrong JSON types are 400 `x_content_parse_exception`. */
function readBody(request: FastifyRequest, parser: string, fields: Readonly<Record<string, Kind>>): Record<string, JsonValue> {
  const text = bodyText(request);
  if (text === undefined) return {};
  const json = parseEsJson(text);
  const root = json.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new EsError('x_content_parse_exception', `[1:1] [${parser}] Expected START_OBJECT`);
  }
  const locations = json.members.get(root);
  for (const [name, value] of Object.entries(root)) {
    const at = formatLocation(locations?.keys.get(name) ?? { line: 1, column: 1 });
    const kind = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (kind === undefined) throw new EsError('x_content_parse_exception', `${at} [${parser}] unknown field [${name}]`);
    if (!fits(kind, value)) throw new EsError('x_content_parse_exception', `${at} [${parser}] failed to parse field [${name}]`);
  }
  return root;
}

function fits(kind: Kind, v: JsonValue): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'strings':
      return Array.isArray(v) && v.every((s) => typeof s === 'string');
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'scalar':
      return v === null || typeof v === 'string' || typeof v === 'number';
  }
}

function positiveTime(text: string, name: string): number {
  const ms = parseTimeValue(text, name);
  if (ms <= 0) throw illegalArgument(`[${name}] must be a positive time value, got [${text}]`);
  return ms;
}

/**
 * The union of the descriptors' cluster privileges. Index privileges cannot be enforced here (qactor
 * has no per-index security), so a descriptor asking for them is refused rather than ignored.
 */
function clusterPrivileges(descriptors: JsonObject): ReadonlySet<ClusterPrivilege> {
  const out = new Set<ClusterPrivilege>();
  for (const [roleName, raw] of Object.entries(descriptors)) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw illegalArgument(`[role_descriptors] role [${roleName}] must be an object`);
    }
    for (const [key, value] of Object.entries(raw)) {
      if (key !== 'cluster') {
        throw illegalArgument(`[role_descriptors] role [${roleName}]: only [cluster] privileges are supported, got [${key}]`);
      }
      if (!Array.isArray(value)) throw illegalArgument(`[role_descriptors] role [${roleName}]: [cluster] must be an array`);
      for (const p of value) {
        if (typeof p !== 'string' || !isClusterPrivilege(p)) {
          throw illegalArgument(`[role_descriptors] role [${roleName}]: unknown cluster privilege [${JSON.stringify(p)}]`);
        }
        out.add(p);
      }
    }
  }
  return out;
}

function sendJson(request: FastifyRequest, reply: Parameters<typeof sendBody>[0], body: unknown) {
  return sendBody(reply, 'application/json', writeJson(body as never, booleanParam(urlParams(request), 'pretty', false)));
}
