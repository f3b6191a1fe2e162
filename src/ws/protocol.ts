import type { QueryParams } from '../esql/ast.js';
import { EsError, illegalArgument } from '../errors.js';
import { parseTimeValue } from '../format/time-value.js';

/**
 * The WebSocket protocol (JSON text frames). Client -> server messages are validated here into typed
 * requests; anything malformed becomes an EsError that the gateway sends back as an `error` frame
 * (the socket stays open).
 *
 * Client -> server:
 *   {type:'submit', ref, query, params?, keep_alive?, allow_partial_results?, result?, preview?, preview_interval_ms?}
 *                                                                submit and subscribe to it
 *   {type:'subscribe', id, after_seq?, result?, preview?, preview_interval_ms?}
 *                                                                status events (+ the result at the end);
 *                                                                with `preview: true`, periodic previews too
 *   {type:'unsubscribe', id}   {type:'stop', id}   {type:'delete', id}   {type:'get', id}   {type:'list'}
 * Server -> client:
 *   {type:'submitted', ref, id}   {type:'status', id, seq, state, outcome?, progress, node}
 *   {type:'result', id, body}     {type:'deleted', id}
 *   {type:'preview', id, seq, fraction, body}   while running: what a stop would return now
 *                                 (body as `result`, with is_running: true and is_partial: true)     {type:'list', queries:[{id, state, seq, ...}]}
 *   {type:'error', ref?, id?, error:{root_cause, type, reason}, status}
 */

export type ClientMessage =
  | {
      readonly type: 'submit';
      readonly ref: string;
      readonly query: string;
      readonly params?: QueryParams;
      readonly keepAliveMs?: number;
      /** ES `allow_partial_results` (default true): false fails the query if its node dies, rather than answering from its checkpoint. */
      readonly allowPartialResults: boolean;
      readonly result: boolean;
      readonly preview?: PreviewRequest;
    }
  | {
      readonly type: 'subscribe';
      readonly id: string;
      readonly afterSeq: number;
      readonly result: boolean;
      readonly preview?: PreviewRequest;
    }
  | { readonly type: 'unsubscribe' | 'stop' | 'delete' | 'get'; readonly id: string }
  | { readonly type: 'list' };

/** `preview: true`: previews every `intervalMs` (undefined: the gateway's default). */
export interface PreviewRequest {
  readonly intervalMs?: number;
}

/** Previews are computed on the query's thread; faster than this would slow the query down. */
export const MIN_PREVIEW_INTERVAL_MS = 50;

/** Where an error frame should point: the request's `ref` or `id`, when they could be read. */
export interface MessageAddress {
  readonly ref?: string;
  readonly id?: string;
}

export function parseClientMessage(text: string): { message?: ClientMessage; address: MessageAddress; error?: EsError } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { address: {}, error: new EsError('x_content_parse_exception', 'message is not valid JSON') };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { address: {}, error: new EsError('x_content_parse_exception', 'message must be a JSON object') };
  }
  const m = raw as Record<string, unknown>;
  const address: MessageAddress = {
    ref: typeof m.ref === 'string' ? m.ref : undefined,
    id: typeof m.id === 'string' ? m.id : undefined,
  };
  try {
    return { message: toMessage(m), address };
  } catch (e) {
    return { address, error: e instanceof EsError ? e : illegalArgument(String(e)) };
  }
}

function toMessage(m: Record<string, unknown>): ClientMessage {
  switch (m.type) {
    case 'submit': {
      const ref = requireString(m, 'ref');
      const query = m.query;
      if (typeof query !== 'string' || query.trim() === '') {
        throw new EsError('action_request_validation_exception', 'Validation Failed: 1: [query] is required;');
      }
      return {
        type: 'submit',
        ref,
        query,
        params: optionalParams(m.params),
        keepAliveMs: m.keep_alive === undefined ? undefined : parseDuration(m.keep_alive, 'keep_alive'),
        allowPartialResults: optionalBoolean(m, 'allow_partial_results', true),
        result: optionalBoolean(m, 'result', true),
        preview: optionalPreview(m),
      };
    }
    case 'subscribe': {
      const afterSeq = m.after_seq ?? -1;
      if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq)) throw illegalArgument('[after_seq] must be an integer');
      return {
        type: 'subscribe',
        id: requireString(m, 'id'),
        afterSeq,
        result: optionalBoolean(m, 'result', true),
        preview: optionalPreview(m),
      };
    }
    case 'unsubscribe':
    case 'stop':
    case 'delete':
    case 'get':
      return { type: m.type, id: requireString(m, 'id') };
    case 'list':
      return { type: 'list' };
    default:
      throw illegalArgument(
        `unknown message type [${typeof m.type === 'string' ? m.type : String(m.type)}], expected one of ` +
          '[submit, subscribe, unsubscribe, stop, delete, get, list]',
      );
  }
}

function requireString(m: Record<string, unknown>, field: string): string {
  const v = m[field];
  if (typeof v !== 'string' || v === '') throw illegalArgument(`[${field}] is required and must be a string`);
  return v;
}

function optionalBoolean(m: Record<string, unknown>, field: string, dflt: boolean): boolean {
  const v = m[field];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw illegalArgument(`[${field}] must be a boolean`);
  return v;
}

function optionalPreview(m: Record<string, unknown>): PreviewRequest | undefined {
  const interval = m.preview_interval_ms;
  if (interval !== undefined) {
    if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < MIN_PREVIEW_INTERVAL_MS) {
      throw illegalArgument(`[preview_interval_ms] must be an integer >= ${MIN_PREVIEW_INTERVAL_MS}`);
    }
  }
  if (!optionalBoolean(m, 'preview', false)) return undefined;
  return interval === undefined ? {} : { intervalMs: interval };
}

function optionalParams(v: unknown): QueryParams | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v as QueryParams;
  if (typeof v === 'object') return v as QueryParams;
  throw illegalArgument('[params] must be an array or an object');
}

/** ES time values as used by keep_alive (`5d`, `30s`, `1500ms`), parsed exactly as the HTTP API does. */
export function parseDuration(v: unknown, field: string): number {
  if (typeof v !== 'string') throw illegalArgument(`[${field}] must be a time value such as "5d"`);
  const ms = parseTimeValue(v, field);
  if (ms <= 0) throw illegalArgument(`[${field}] must be positive, got [${v}]`);
  return ms;
}
