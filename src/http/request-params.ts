import { illegalArgument } from '../errors.js';

/**
 * URL query parameters, as fastify hands them over. A repeated parameter arrives as an array;
 * like ES, the last value wins.
 */
export type UrlParams = Readonly<Record<string, string | string[] | undefined>>;

/** Accepted by every ES endpoint (the JS client's `commonQueryParams`, plus the body substitute). */
export const COMMON_PARAMS = ['error_trace', 'filter_path', 'human', 'pretty', 'source', 'source_content_type'] as const;

/** Read by the ES|QL response listener on every ES|QL endpoint. */
export const RESPONSE_PARAMS = ['format', 'delimiter', 'drop_null_columns', 'header'] as const;

export function stringParam(params: UrlParams, name: string): string | undefined {
  const v = params[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/**
 * ES `paramAsBoolean`: absent gives the default, a bare `?flag` (empty value) means true, and
 * otherwise only `true` / `false` are accepted.
 */
export function booleanParam(params: UrlParams, name: string, defaultValue: boolean): boolean {
  const v = stringParam(params, name);
  if (v === undefined) return defaultValue;
  if (v === '') return true;
  return parseBooleanText(v);
}

/** ES `Booleans.parseBoolean`: strict, with its error text. */
export function parseBooleanText(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw illegalArgument(`Failed to parse value [${text}] as only [true] or [false] are allowed.`);
}

/** ES rejects parameters no handler consumed; a typo must not be silently ignored. */
export function rejectUnknownParams(params: UrlParams, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return;
  const plural = unknown.length === 1 ? 'parameter' : 'parameters';
  throw illegalArgument(`request [${path}] contains unrecognized ${plural}: [${unknown.join('], [')}]`);
}

/** The request path without the query string, as ES names it in error messages. */
export const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};
