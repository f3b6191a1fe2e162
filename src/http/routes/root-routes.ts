import type { FastifyInstance } from 'fastify';
import { writeJson } from '../../format/json-writer.js';
import { booleanParam } from '../request-params.js';
import { sendBody, urlParams, type RouteContext } from '../route-context.js';

/**
 * `GET /` answers ES's root info (the body `client.info()` and the 7.x product check read);
 * `HEAD /` (the JS client's ping) is fastify's automatic HEAD of the same route: 200, no body.
 */
export function registerRootRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/', async (request, reply) => {
    const body = {
      name: ctx.nodeName,
      cluster_name: ctx.clusterName,
      cluster_uuid: ctx.clusterUuid,
      version: {
        number: ctx.version,
        build_flavor: 'default',
        build_type: 'tar',
        build_hash: 'qactor',
        build_date: '2025-01-01T00:00:00.000Z',
        build_snapshot: false,
        lucene_version: '9.12.2',
        minimum_wire_compatibility_version: '7.17.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: 'You Know, for Search',
    };
    return sendBody(reply, 'application/json', writeJson(body, booleanParam(urlParams(request), 'pretty', false)));
  });
}
