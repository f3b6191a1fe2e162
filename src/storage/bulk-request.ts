import { randomBytes } from 'node:crypto';
import { EsError } from '../errors.js';
import type { DocumentError } from './index-writer.js';
import { isObject } from './index-mapping.js';
import type { IndexWriters } from './index-writers.js';

/** One entry of a bulk answer's `items`: `{index: {...}}`, `{create: {...}}`, ... */
export type BulkItem = Record<string, BulkItemResult>;

export interface BulkItemResult {
  readonly _index: string;
  readonly _id: string;
  readonly status: number;
  readonly result?: string;
  readonly _version?: number;
  readonly _seq_no?: number;
  readonly _primary_term?: number;
  readonly _shards?: { total: number; successful: number; failed: number };
  readonly error?: { type: string; reason: string; index?: string };
}

export interface BulkResponse {
  readonly took: number;
  readonly errors: boolean;
  readonly items: BulkItem[];
}

/** Told of every document a writer accepted, with its source line as sent (`--data-dir` journals it). */
export type OnIndexed = (index: string, explicitId: string | undefined, source: string) => void;

const ACTIONS = new Set(['index', 'create', 'delete', 'update']);
const SHARDS = { total: 1, successful: 1, failed: 0 };

/**
 * Runs an Elasticsearch NDJSON bulk body: an action line (`index`/`create` followed by a source
 * line; `delete`/`update` are refused per item), items answered in order. A malformed action line
 * fails the whole request, as in ES; a bad document fails only its item. Every index touched is
 * published once at the end (as `refresh=true` would), so the request is one catalog change.
 */
export function executeBulk(
  body: string,
  defaultIndex: string | undefined,
  writers: IndexWriters,
  nowMs: () => number,
  onIndexed?: OnIndexed,
): BulkResponse {
  const started = nowMs();
  const items: BulkItem[] = [];
  const touched = new Set<string>();
  let errors = false;
  // The last index name found valid: a bulk body names the same index on every line.
  let validIndex: string | undefined;
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    while (pos < body.length) {
      let end = body.indexOf('\n', pos);
      if (end < 0) end = body.length;
      const line = body.slice(pos, end).trim();
      pos = end + 1;
      lineNo++;
      if (line !== '') return line;
    }
    return undefined;
  };
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    const { action, meta } = parseAction(line, lineNo);
    const index = typeof meta._index === 'string' ? meta._index : defaultIndex;
    if (index === undefined) throw new EsError('action_request_validation_exception', 'Validation Failed: 1: index is missing;');
    const explicitId = typeof meta._id === 'string' || typeof meta._id === 'number';
    const id = explicitId ? String(meta._id) : nextAutoId();
    const item = (result: BulkItemResult): void => {
      items.push({ [action]: result });
      if (result.error !== undefined) errors = true;
    };
    if (action === 'delete' || action === 'update') {
      if (action === 'update') nextLine();
      item(failure(index, id, {
        type: 'illegal_argument_exception',
        reason: `[${action}] of single documents is not supported: indices are append-only (DELETE /${index} drops the index)`,
        status: 400,
      }));
      continue;
    }
    const source = nextLine();
    if (source === undefined) throw new EsError('illegal_argument_exception', 'The bulk request must be terminated by a newline [\\n]');
    const nameError = index === validIndex ? undefined : invalidIndexName(index);
    if (nameError !== undefined) {
      item(failure(index, id, { type: 'invalid_index_name_exception', reason: nameError, status: 400 }));
      continue;
    }
    validIndex = index;
    const writer = writers.writer(index);
    if (explicitId && writer.hasId(id)) {
      const error: DocumentError =
        action === 'create'
          ? { type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, document already exists (current version [1])`, status: 409 }
          : { type: 'illegal_argument_exception', reason: `[${id}]: updating an existing document is not supported: indices are append-only`, status: 400 };
      item(failure(index, id, error));
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(source);
    } catch (e) {
      item(failure(index, id, { type: 'document_parsing_exception', reason: `[${lineNo}:1] failed to parse: ${e instanceof Error ? e.message : String(e)}`, status: 400 }));
      continue;
    }
    const error = writer.append(doc, id, explicitId);
    if (error !== undefined) {
      item(failure(index, id, error));
      continue;
    }
    touched.add(index);
    onIndexed?.(index, explicitId ? id : undefined, source);
    item({ _index: index, _id: id, _version: 1, result: 'created', _shards: SHARDS, _seq_no: writer.rowCount - 1, _primary_term: 1, status: 201 });
  }
  for (const index of touched) writers.publish(index);
  return { took: Math.max(0, Math.round(nowMs() - started)), errors, items };
}

// Auto ids: a random per-process prefix and a counter, unique without a random draw per document
// (randomBytes per document cost more than parsing it).
const AUTO_ID_PREFIX = randomBytes(9).toString('base64url');
let autoIdCounter = 0;
const nextAutoId = () => AUTO_ID_PREFIX + (autoIdCounter++).toString(36).padStart(8, '0');

function parseAction(line: string, lineNo: number): { action: string; meta: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new EsError('illegal_argument_exception', `Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
  }
  if (!isObject(parsed)) throw new EsError('illegal_argument_exception', `Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
  const keys = Object.keys(parsed);
  const action = keys[0];
  if (keys.length !== 1 || !ACTIONS.has(action)) {
    throw new EsError('illegal_argument_exception', `Malformed action/metadata line [${lineNo}], expected one of [create, delete, index, update] but found [${action}]`);
  }
  const meta = parsed[action];
  if (!isObject(meta)) throw new EsError('illegal_argument_exception', `Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
  return { action, meta };
}

function failure(index: string, id: string, e: DocumentError): BulkItemResult {
  return { _index: index, _id: id, status: e.status, error: { type: e.type, reason: e.reason, index } };
}

/** ES's index name rules (MetadataCreateIndexService.validateIndexOrAliasName), or undefined when valid. */
export function invalidIndexName(name: string): string | undefined {
  const bad = (why: string) => `Invalid index name [${name}], ${why}`;
  if (name === '' || name === '.' || name === '..') return bad('must not be empty, "." or ".."');
  if (name !== name.toLowerCase()) return bad('must be lowercase');
  if (/^[-_+]/.test(name)) return bad("must not start with '_', '-', or '+'");
  if (/[\\/*?"<>| ,#:]/.test(name)) return bad('must not contain the following characters [\\, /, *, ?, ", <, >, |, " ", ",", #, :]');
  if (Buffer.byteLength(name) > 255) return bad('index name is too long');
  return undefined;
}
