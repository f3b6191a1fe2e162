import type { LiteralScalar, QueryParams } from '../esql/ast.js';
import { EsError } from '../errors.js';
import { formatLocation, type JsonLocation, type JsonValue, type ParsedJson } from './json/es-json-parser.js';

/**
 * The `params` body field, following ES's `RequestXContent.parseParams`: positional values
 * (`[1, "x", null]`) or named ones (`[{"n": 1}, {"s": {"value": "x"}}]`), never both. Every problem
 * is collected and reported at once as `Failed to parse params: [L:C] ...; [L:C] ...`.
 * `identifier` and `pattern` params are recognised but not supported by the engine's contract.
 */
export function parseQueryParams(value: JsonValue, json: ParsedJson, fallback: JsonLocation): QueryParams {
  if (!Array.isArray(value)) {
    throw failed([`${formatLocation(json.starts.get(value as object) ?? fallback)} params must be an array`]);
  }
  const errors: string[] = [];
  const named: Record<string, LiteralScalar> = {};
  const namedList: string[] = [];
  const positional: LiteralScalar[] = [];
  const positionalList: string[] = [];
  for (const item of value) {
    const at = formatLocation((item !== null && typeof item === 'object' && json.starts.get(item)) || fallback);
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const entries = Object.entries(item);
      if (entries.length > 1) {
        const shown = entries.map(([k, v]) => `{${k}:${javaText(v)}}`).join(', ');
        errors.push(`${at} Cannot parse more than one key:value pair as parameter, found [${shown}]`);
      }
      for (const [name, raw] of entries) {
        if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
          errors.push(
            `${at} [${name}] is not a valid parameter name, a valid parameter name starts with a letter or underscore, ` +
              'and contains letters, digits and underscores only',
          );
        }
        const scalar = namedValue(name, raw, at, errors);
        named[name] = scalar;
        namedList.push(`${name}=${javaText(scalar)}`);
      }
    } else if (Array.isArray(item)) {
      errors.push(`${at} START_ARRAY is not supported as a parameter`);
    } else {
      positional.push(item);
      positionalList.push(javaText(item));
    }
  }
  if (namedList.length > 0 && positionalList.length > 0) {
    errors.push(
      `Params cannot contain both named and unnamed parameters; got [${namedList.join(', ')}] and [${positionalList.join(', ')}]`,
    );
  }
  if (errors.length > 0) throw failed(errors);
  return namedList.length > 0 ? named : positional;
}

function namedValue(name: string, raw: JsonValue, at: string, errors: string[]): LiteralScalar {
  if (raw === null || typeof raw !== 'object') return raw;
  if (Array.isArray(raw)) {
    errors.push(`${at} ${name}=${javaText(raw)} is not supported as a parameter`);
    return null;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    const problem = keys.length === 0 ? ' has no valid param attribute' : ` has multiple param attributes [${keys.join(', ')}]`;
    errors.push(`${at} [${name}]${problem}, only one of VALUE, IDENTIFIER, PATTERN can be defined in a param`);
    return null;
  }
  const kind = keys[0].toLowerCase();
  const inner = raw[keys[0]];
  if (kind === 'value') {
    if (inner !== null && typeof inner === 'object') {
      errors.push(`${at} ${name}=${javaText(inner)} is not supported as a parameter`);
      return null;
    }
    return inner;
  }
  if (kind === 'identifier' || kind === 'pattern') {
    errors.push(`${at} [${name}] ${kind} params are not supported by this server, only value params are`);
    return null;
  }
  errors.push(`${at} [${keys[0]}] is not a valid param attribute, a valid attribute is any of VALUE, IDENTIFIER, PATTERN`);
  return null;
}

/** Values as Java's toString shows them in ES's messages. */
function javaText(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaText).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}=${javaText(x)}`).join(', ')}}`;
  return String(v);
}

const failed = (errors: readonly string[]) =>
  new EsError('x_content_parse_exception', `Failed to parse params: ${errors.join('; ')}`);
