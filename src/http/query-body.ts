import type { QueryParams } from '../esql/ast.js';
import { EsError, illegalArgument } from '../errors.js';
import {
  formatLocation,
  parseEsJson,
  type JsonLocation,
  type JsonObject,
  type JsonValue,
  type ParsedJson,
} from './json/es-json-parser.js';
import { didYouMean } from './field-suggestions.js';
import { parseQueryParams } from './query-params-parser.js';
import { parseBooleanText } from './request-params.js';
import { parseTimeValue } from '../format/time-value.js';

/**
 * The JSON body of `POST /_query` (`esql/query`) and `POST /_query/async` (`esql/async_query`),
 * validated the way ES's `RequestXContent` object parsers do: unknown fields and wrong JSON types
 * are 400 `x_content_parse_exception` with the `[line:column]` of the offending token.
 */

export type BodyParserName = 'esql/query' | 'esql/async_query';

export interface QueryBody {
  readonly query: string;
  readonly columnar: boolean;
  readonly params?: QueryParams;
  readonly locale?: string;
  readonly profile: boolean;
  readonly includeCcsMetadata: boolean;
  /**
   * ES reads `allow_partial_results` from the URL only; the body is accepted too (as the async knobs
   * are in both places). Undefined when absent so the URL param or the default (true) applies.
   */
  readonly allowPartialResults?: boolean;
  /** Async only; undefined when absent so URL params or defaults apply. */
  readonly waitForCompletionMs?: number;
  readonly keepAliveMs?: number;
  readonly keepOnCompletion?: boolean;
}

type FieldKind = 'string' | 'boolean' | 'object' | 'params' | 'time';

const COMMON_FIELDS: Readonly<Record<string, FieldKind>> = {
  query: 'string',
  columnar: 'boolean',
  filter: 'object',
  params: 'params',
  locale: 'string',
  profile: 'boolean',
  include_ccs_metadata: 'boolean',
  include_execution_metadata: 'boolean',
  accept_pragma_risks: 'boolean',
  pragma: 'object',
  tables: 'object',
  validation_only: 'boolean',
  allow_partial_results: 'boolean',
};

const ASYNC_FIELDS: Readonly<Record<string, FieldKind>> = {
  ...COMMON_FIELDS,
  wait_for_completion_timeout: 'time',
  keep_alive: 'time',
  keep_on_completion: 'boolean',
};

/** Jackson's token names, used in ES's "doesn't support values of type" message. */
function tokenName(v: JsonValue): string {
  if (v === null) return 'VALUE_NULL';
  if (Array.isArray(v)) return 'START_ARRAY';
  switch (typeof v) {
    case 'string':
      return 'VALUE_STRING';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    case 'object':
      return 'START_OBJECT';
    default:
      return 'VALUE_NUMBER';
  }
}

const ACCEPTED_TOKENS: Readonly<Record<FieldKind, readonly string[]>> = {
  string: ['VALUE_STRING'],
  boolean: ['VALUE_BOOLEAN', 'VALUE_STRING'],
  object: ['START_OBJECT'],
  params: ['START_ARRAY', 'START_OBJECT', 'VALUE_STRING', 'VALUE_NUMBER', 'VALUE_BOOLEAN', 'VALUE_NULL'],
  time: ['VALUE_STRING', 'VALUE_NUMBER', 'VALUE_BOOLEAN'],
};

export function parseQueryBody(text: string | undefined, parserName: BodyParserName): QueryBody {
  if (text === undefined || text.trim() === '') return validate({}, {}, parserName);
  const json = parseEsJson(text);
  const root = json.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new EsError(
      'x_content_parse_exception',
      `[1:1] [${parserName}] Expected START_OBJECT but was: ${tokenName(root)}`,
    );
  }
  const fields = parserName === 'esql/async_query' ? ASYNC_FIELDS : COMMON_FIELDS;
  const locations = json.members.get(root);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(root)) {
    const keyLoc = locations?.keys.get(name) ?? { line: 1, column: 1 };
    const valueLoc = locations?.values.get(name) ?? keyLoc;
    const kind = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (kind === undefined) {
      throw xContent(keyLoc, `[${parserName}] unknown field [${name}]${didYouMean(name, Object.keys(fields))}`);
    }
    if (!ACCEPTED_TOKENS[kind].includes(tokenName(value))) {
      throw xContent(valueLoc, `[${parserName}] ${name} doesn't support values of type: ${tokenName(value)}`);
    }
    out[name] = convert(name, kind, value, json, valueLoc, parserName);
  }
  return validate(out, root, parserName);
}

function convert(
  name: string,
  kind: FieldKind,
  value: JsonValue,
  json: ParsedJson,
  loc: JsonLocation,
  parserName: BodyParserName,
): unknown {
  try {
    switch (kind) {
      case 'string':
      case 'object':
        return value;
      case 'boolean':
        return typeof value === 'boolean' ? value : parseBooleanText(value as string);
      case 'time':
        // The token check admits only scalars here; ES reads them as text (`p.text()`).
        return parseTimeValue(value === null || typeof value === 'object' ? '' : String(value), name);
      case 'params':
        return parseQueryParams(value, json, loc);
    }
  } catch (err) {
    if (err instanceof EsError && err.type === 'x_content_parse_exception') throw err;
    // ES wraps the cause as "failed to parse field"; one reason line carries both.
    const cause = err instanceof EsError ? `: ${err.reason}` : '';
    throw xContent(loc, `[${parserName}] failed to parse field [${name}]${cause}`);
  }
}

function validate(fields: Record<string, unknown>, root: JsonObject, parserName: BodyParserName): QueryBody {
  const problems: string[] = [];
  const query = fields.query as string | undefined;
  if (query === undefined || query.trim() === '') problems.push('[query] is required');
  if (fields.pragma !== undefined) problems.push('[pragma] only allowed in snapshot builds');
  if (fields.tables !== undefined) problems.push('[tables] only allowed in snapshot builds');
  if (fields.include_ccs_metadata === true && fields.include_execution_metadata === true) {
    throw new EsError(
      'verification_exception',
      'Both [include_execution_metadata] and [include_ccs_metadata] query parameters are set. Use only one',
    );
  }
  if (problems.length > 0) {
    const numbered = problems.map((p, i) => `${i + 1}: ${p};`).join('');
    throw new EsError('action_request_validation_exception', `Validation Failed: ${numbered}`);
  }
  checkFilter(root.filter);
  const async = parserName === 'esql/async_query';
  return {
    query: query as string,
    columnar: (fields.columnar as boolean | undefined) ?? false,
    params: fields.params as QueryParams | undefined,
    locale: fields.locale as string | undefined,
    profile: (fields.profile as boolean | undefined) ?? false,
    includeCcsMetadata: (fields.include_ccs_metadata as boolean | undefined) ?? false,
    allowPartialResults: fields.allow_partial_results as boolean | undefined,
    waitForCompletionMs: async ? (fields.wait_for_completion_timeout as number | undefined) : undefined,
    keepAliveMs: async ? (fields.keep_alive as number | undefined) : undefined,
    keepOnCompletion: async ? (fields.keep_on_completion as boolean | undefined) : undefined,
  };
}

/**
 * The engine has no document pre-filter. Ignoring a real filter would silently return rows the
 * client excluded, so only filters that keep everything are accepted.
 */
function checkFilter(filter: JsonValue | undefined): void {
  if (filter === undefined || filter === null || typeof filter !== 'object' || Array.isArray(filter)) return;
  const keys = Object.keys(filter);
  if (keys.length === 0) return;
  if (keys.length === 1 && keys[0] === 'match_all') return;
  throw illegalArgument(`[filter] is not supported by this server (only {} and match_all); got [${keys.join(', ')}]`);
}

const xContent = (loc: JsonLocation, message: string) =>
  new EsError('x_content_parse_exception', `${formatLocation(loc)} ${message}`);
