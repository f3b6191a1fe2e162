import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Principal } from '../../security/principal.js';
import { hasPrivilege } from '../../security/roles.js';
import { ownerOf } from '../auth-hook.js';
import type { AsyncQueryView } from '../../runtime/query-runtime.js';
import { checkColumnarFormat, renderAsyncView } from '../../format/result-renderer.js';
import { parseQueryBody } from '../query-body.js';
import {
  COMMON_PARAMS,
  RESPONSE_PARAMS,
  booleanParam,
  pathOf,
  rejectUnknownParams,
  stringParam,
  type UrlParams,
} from '../request-params.js';
import { capView, checkKeepAlive, checkQuery, checkWait } from '../request-limits.js';
import { setAsyncHeaders, setWarningHeaders } from '../response-headers.js';
import {
  bodyText,
  responseOptions,
  sendBody,
  sendRendered,
  urlParams,
  type ResponseOptions,
  type RouteContext,
} from '../route-context.js';
import { parseTimeValue } from '../../format/time-value.js';

/** ES defaults (`EsqlQueryRequest.DEFAULT_WAIT_FOR_COMPLETION`, `DEFAULT_KEEP_ALIVE`). */
export const DEFAULT_WAIT_FOR_COMPLETION_MS = 1000;
export const DEFAULT_KEEP_ALIVE_MS = 5 * 86_400_000;
/** Longest delay a Node timer supports; a longer wait would fire at once. Configured wait caps stay below it. */
export const MAX_WAIT_MS = 2_147_483_647;

const SUBMIT_PARAMS = [
  ...COMMON_PARAMS,
  ...RESPONSE_PARAMS,
  'allow_partial_results',
  'wait_for_completion_timeout',
  'keep_alive',
  'keep_on_completion',
];
const GET_PARAMS = [...COMMON_PARAMS, ...RESPONSE_PARAMS, 'wait_for_completion_timeout', 'keep_alive'];
const STOP_PARAMS = [...COMMON_PARAMS, ...RESPONSE_PARAMS];
const DELETE_PARAMS = [...COMMON_PARAMS];

interface IdParams {
  id: string;
}

/**
 * The async ES|QL endpoints. Async knobs of a submit come from the JSON body (ES) or, leniently,
 * the URL; on GET they are URL params. Ids arrive percent-decoded from the path (the JS client
 * encodes `=` as `%3D`); the runtime judges whether they are well-formed.
 */
export function registerAsyncQueryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/_query/async', async (request, reply) => {
    const body = parseQueryBody(bodyText(request), 'esql/async_query');
    const params = urlParams(request);
    rejectUnknownParams(params, SUBMIT_PARAMS, pathOf(request.url));
    // The one failure that can leave part of an answer is the death of the query's node (cluster mode).
    const allowPartialResults = body.allowPartialResults ?? booleanParam(params, 'allow_partial_results', true);
    const response = responseOptions(request);
    checkColumnarFormat(response.format, body.columnar);
    checkQuery(body.query, body.params, ctx.limits);
    const waitMs = body.waitForCompletionMs ?? timeParam(params, 'wait_for_completion_timeout') ?? DEFAULT_WAIT_FOR_COMPLETION_MS;
    const keepAliveMs = body.keepAliveMs ?? timeParam(params, 'keep_alive') ?? DEFAULT_KEEP_ALIVE_MS;
    const owner = ownerOf(request);
    const view = await ctx.runtime.submit({
      query: body.query,
      params: body.params,
      waitForCompletionMs: checkWait(waitMs, ctx.limits),
      keepAliveMs: checkKeepAlive(keepAliveMs, ctx.limits),
      keepOnCompletion: body.keepOnCompletion ?? booleanParam(params, 'keep_on_completion', false),
      columnar: body.columnar,
      allowPartialResults,
      ...(owner === undefined ? {} : { owner }),
    });
    return sendView(reply, view, response, ctx);
  });

  app.get<{ Params: IdParams }>('/_query/async/:id', async (request, reply) => {
    const params = urlParams(request);
    rejectUnknownParams(params, GET_PARAMS, pathOf(request.url));
    const response = responseOptions(request);
    // ES's GET does not wait unless asked (GetAsyncResultRequest defaults to -1, "no wait").
    const waitMs = timeParam(params, 'wait_for_completion_timeout') ?? 0;
    const keepAliveMs = timeParam(params, 'keep_alive');
    const owner = ownerOf(request);
    const view = await ctx.runtime.get(request.params.id, {
      waitForCompletionMs: waitMs < 0 ? 0 : checkWait(waitMs, ctx.limits),
      keepAliveMs: keepAliveMs === undefined || keepAliveMs < 0 ? undefined : checkKeepAlive(keepAliveMs, ctx.limits),
      ...(owner === undefined ? {} : { owner }),
    });
    return sendView(reply, view, response, ctx);
  });

  app.post<{ Params: IdParams }>('/_query/async/:id/stop', async (request, reply) => {
    rejectUnknownParams(urlParams(request), STOP_PARAMS, pathOf(request.url));
    const response = responseOptions(request);
    const owner = ownerOf(request);
    const view = await ctx.runtime.stop(request.params.id, owner === undefined ? {} : { owner });
    return sendView(reply, view, response, ctx);
  });

  app.delete<{ Params: IdParams }>('/_query/async/:id', async (request, reply) => {
    rejectUnknownParams(urlParams(request), DELETE_PARAMS, pathOf(request.url));
    const pretty = booleanParam(urlParams(request), 'pretty', false);
    await deleteQuery(ctx, request.params.id, request.principal);
    return sendBody(reply, 'application/json', pretty ? '{\n  "acknowledged" : true\n}\n' : '{"acknowledged":true}');
  });
}

function sendView(
  reply: FastifyReply,
  view: AsyncQueryView,
  response: ResponseOptions,
  ctx: RouteContext,
): FastifyReply {
  setAsyncHeaders(reply, view);
  if (!view.isRunning) setWarningHeaders(reply, view.result.warnings, ctx.version);
  return sendRendered(reply, renderAsyncView(capView(view, ctx.limits), response));
}

/**
 * The owner may delete; so may a holder of `cancel_task` (ES), on any node of a cluster. Anyone else
 * gets the runtime's 404, identical to an unknown id.
 */
async function deleteQuery(ctx: RouteContext, id: string, principal: Principal | undefined): Promise<void> {
  if (principal === undefined) return ctx.runtime.delete(id);
  const anyOwner = hasPrivilege(principal.privileges, 'cancel_task');
  await ctx.runtime.delete(id, { owner: principal.owner, anyOwner });
}

function timeParam(params: UrlParams, name: string): number | undefined {
  const text = stringParam(params, name);
  return text === undefined ? undefined : parseTimeValue(text, name);
}

