import { EsError, illegalArgument } from '../errors.js';
import { csvDelimiter } from '../format/delimited-format.js';
import type { FormatKind, ResponseFormat } from '../format/response-format.js';

/**
 * Response format selection, as ES's `EsqlMediaTypeParser`: `?format=` wins, then the `Accept`
 * header unless it is a list or `*\/*`, then the request Content-Type, then JSON. Vendor types
 * (`application/vnd.elasticsearch+json; compatible-with=8`) are accepted for versions 7 to 9, and a
 * JSON reply echoes the vendor type the client asked for.
 */

export type { FormatKind, ResponseFormat } from '../format/response-format.js';

export interface MediaType {
  /** `type/subtype`, lower-cased. */
  readonly essence: string;
  readonly params: ReadonlyMap<string, string>;
}

const SUPPORTED_COMPATIBLE_VERSIONS = ['7', '8', '9'];

const KIND_BY_ESSENCE: Readonly<Record<string, FormatKind>> = {
  'application/json': 'json',
  'application/vnd.elasticsearch+json': 'json',
  'text/plain': 'txt',
  'text/vnd.elasticsearch+plain': 'txt',
  'text/csv': 'csv',
  'text/vnd.elasticsearch+csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/vnd.elasticsearch+tab-separated-values': 'tsv',
};

const KIND_BY_FORMAT: Readonly<Record<string, FormatKind>> = { json: 'json', txt: 'txt', csv: 'csv', tsv: 'tsv' };
/** Formats ES serves that this server does not. */
const UNSUPPORTED_FORMATS = ['yaml', 'cbor', 'smile', 'arrow'];

export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined;
  const parts = header.split(';');
  const essence = parts[0].trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+*-]+$/.test(essence)) return undefined;
  const params = new Map<string, string>();
  for (let i = 1; i < parts.length; i++) {
    const eq = parts[i].indexOf('=');
    if (eq < 0) continue;
    params.set(parts[i].slice(0, eq).trim().toLowerCase(), parts[i].slice(eq + 1).trim().replace(/^"|"$/g, ''));
  }
  return { essence, params };
}

/** The `compatible-with` version of a header value (the first entry of a list), if any. */
function compatibleVersion(header: string | undefined): string | undefined {
  // No `;`, no parameters (the common `application/json`): nothing to parse.
  if (header === undefined || !header.includes(';')) return undefined;
  return parseMediaType(header.split(',')[0])?.params.get('compatible-with');
}

/**
 * ES's `RestCompatibleVersionHelper`, leniently: each versioned header must name a version we speak,
 * and when both are versioned they must agree. Returns the version to echo, if any.
 */
export function checkCompatibleWith(accept: string | undefined, contentType: string | undefined): string | undefined {
  const acceptVersion = compatibleVersion(accept);
  const contentVersion = compatibleVersion(contentType);
  for (const [name, v] of [
    ['Accept', acceptVersion],
    ['Content-Type', contentVersion],
  ] as const) {
    if (v !== undefined && !SUPPORTED_COMPATIBLE_VERSIONS.includes(v)) {
      throw illegalArgument(
        `${name} version must be either version 9, 8 or 7, but found ${v}. Accept=${accept}, Content-Type=${contentType}`,
      );
    }
  }
  if (acceptVersion !== undefined && contentVersion !== undefined && acceptVersion !== contentVersion) {
    throw illegalArgument(
      'A compatible version is required on both Content-Type and Accept headers if either one has requested a ' +
        `compatible version and the compatible versions must match. Accept=${accept}, Content-Type=${contentType}`,
    );
  }
  return acceptVersion ?? contentVersion;
}

export interface FormatRequest {
  readonly format: string | undefined;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
  readonly delimiter: string | undefined;
  readonly header: string | undefined;
  /** Request path, for ES's error texts. */
  readonly path: string;
}

export function selectResponseFormat(req: FormatRequest): ResponseFormat {
  const version = checkCompatibleWith(req.accept, req.contentType);
  const kind = formatKind(req);
  if (req.delimiter !== undefined && kind !== 'csv') {
    throw illegalArgument(`parameter: [delimiter] can only be used with the format [csv] for request [${req.path}]`);
  }
  switch (kind) {
    case 'json':
      return {
        kind,
        contentType:
          version === undefined ? 'application/json' : `application/vnd.elasticsearch+json;compatible-with=${version}`,
      };
    case 'txt':
      return { kind, contentType: 'text/plain' };
    case 'tsv':
      return { kind, contentType: 'text/tab-separated-values; charset=utf-8' };
    case 'csv': {
      const header = csvHasHeader(req);
      return {
        kind,
        delimiter: csvDelimiter(req.delimiter),
        header,
        contentType: `text/csv; charset=utf-8; header=${header ? 'present' : 'absent'}`,
      };
    }
  }
}

function formatKind(req: FormatRequest): FormatKind {
  if (req.format !== undefined) {
    const f = req.format.toLowerCase();
    const kind = KIND_BY_FORMAT[f];
    if (kind !== undefined) return kind;
    if (UNSUPPORTED_FORMATS.includes(f)) {
      throw illegalArgument(`format [${req.format}] is not supported by this server; use one of [json, txt, csv, tsv]`);
    }
    throw invalidContentType(req);
  }
  // A list or a wildcard says nothing specific: ES ignores such an Accept header.
  if (req.accept !== undefined && !req.accept.includes(',') && req.accept.trim() !== '*/*') {
    const essence = parseMediaType(req.accept)?.essence;
    const kind = essence === undefined ? undefined : KIND_BY_ESSENCE[essence];
    if (kind !== undefined) return kind;
  }
  // Only a JSON Content-Type picks the reply format: a body sent as text/plain is still JSON.
  return 'json';
}

function csvHasHeader(req: FormatRequest): boolean {
  if (req.header !== undefined) return req.header.toLowerCase() !== 'absent';
  if (req.accept === undefined) return true;
  return !req.accept
    .split(';')
    .some((p) => p.trim().toLowerCase() === 'header=absent');
}

const invalidContentType = (req: FormatRequest): EsError =>
  illegalArgument(
    `Invalid request content type: Accept=[${req.accept ?? 'null'}], Content-Type=[${req.contentType ?? 'null'}], format=[${req.format ?? 'null'}]`,
  );
