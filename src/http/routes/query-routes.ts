import type { FastifyInstance } from 'fastify';
import { checkColumnarFormat, renderSyncResult } from '../../format/result-renderer.js';
import { parseQueryBody } from '../query-body.js';
import type { CompletedQuery } from '../../runtime/query-runtime.js';
import { COMMON_PARAMS, RESPONSE_PARAMS, booleanParam, pathOf, rejectUnknownParams } from '../request-params.js';
import { ownerOf } from '../auth-hook.js';
import { capRows, checkQuery } from '../request-limits.js';
import { setWarningHeaders } from '../response-headers.js';
import { bodyText, responseOptions, sendRendered, urlParams, type RouteContext } from '../route-context.js';

const SYNC_PARAMS = [...COMMON_PARAMS, ...RESPONSE_PARAMS, 'allow_partial_results'];

/** `POST /_query`: run to completion and answer with the result; no id, no async headers. */
export function registerQueryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/_query', async (request, reply) => {
    const body = parseQueryBody(bodyText(request), 'esql/query');
    rejectUnknownParams(urlParams(request), SYNC_PARAMS, pathOf(request.url));
    // Validated only: a sync query has no failure that leaves part of an answer (it dies with its node,
    // and with the client's connection to it).
    booleanParam(urlParams(request), 'allow_partial_results', true);
    const response = responseOptions(request);
    checkColumnarFormat(response.format, body.columnar);
    checkQuery(body.query, body.params, ctx.limits);
    const owner = ownerOf(request);
    // A client that hangs up before the answer cancels its query instead of leaving it running.
    const gone = new AbortController();
    const onClose = () => reply.raw.writableFinished || gone.abort();
    reply.raw.once('close', onClose);
    let result: CompletedQuery;
    try {
      result = await ctx.runtime.query({
        query: body.query,
        params: body.params,
        signal: gone.signal,
        ...(owner === undefined ? {} : { owner }),
      });
    } finally {
      reply.raw.off('close', onClose);
    }
    setWarningHeaders(reply, result.warnings, ctx.version);
    return sendRendered(reply, renderSyncResult(capRows(result, ctx.limits), { ...response, columnar: body.columnar }));
  });
}
