import { randomFillSync } from 'node:crypto';
import { invalidId } from '../errors.js';

/**
 * ES async query ids (`AsyncExecutionId`): url-safe base64 *with* `=` padding of two ES
 * `StreamOutput.writeString` strings, the doc id and the task id `"<nodeId>:<taskNumber>"`; each
 * string is a VInt byte length followed by UTF-8 bytes. Any node can read the owning node from an id.
 */
export interface AsyncId {
  readonly docId: string;
  readonly nodeId: string;
  readonly taskNumber: number;
}

export function encodeAsyncId(id: AsyncId): string {
  const doc = Buffer.from(id.docId, 'utf8');
  const task = Buffer.from(`${id.nodeId}:${id.taskNumber}`, 'utf8');
  const bytes = Buffer.concat([vInt(doc.length), doc, vInt(task.length), task]);
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Throws 400 `invalid id: [<id>]` on bad base64, a bad task id or trailing bytes (as ES does). */
export function decodeAsyncId(id: string): AsyncId {
  const bytes = base64UrlBytes(id);
  if (bytes === undefined) throw invalidId(id);
  const reader = { bytes, offset: 0 };
  const docId = readString(reader);
  const taskId = readString(reader);
  if (docId === undefined || taskId === undefined || reader.offset !== bytes.length) throw invalidId(id);
  const colon = taskId.lastIndexOf(':');
  const nodeId = taskId.slice(0, colon);
  const number = taskId.slice(colon + 1);
  if (colon <= 0 || !/^\d{1,15}$/.test(number)) throw invalidId(id);
  return { docId, nodeId, taskNumber: Number(number) };
}

/** A random 22-character url-safe id, as ES `UUIDs.randomBase64UUID()` produces for doc and node ids. */
export function randomBase64Uuid(): string {
  if (poolOffset === RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    poolOffset = 0;
  }
  const id = RANDOM_POOL.toString('base64url', poolOffset, poolOffset + 16);
  poolOffset += 16;
  return id;
}

/**
 * Ids are cut from a pool of random bytes refilled 256 ids at a time (as Node's randomUUID does): one
 * call into the CSPRNG per id cost ~5% of a small sync query.
 */
const RANDOM_POOL = Buffer.alloc(16 * 256);
let poolOffset = RANDOM_POOL.length;

function base64UrlBytes(s: string): Buffer | undefined {
  // Java's url decoder: padding optional, but if present the length must be a multiple of 4.
  const m = /^([A-Za-z0-9_-]*)(={0,2})$/.exec(s);
  if (m === null || s.length === 0) return undefined;
  const body = m[1];
  const pad = m[2];
  if (body.length % 4 === 1) return undefined;
  if (pad.length > 0 && s.length % 4 !== 0) return undefined;
  return Buffer.from(body, 'base64url');
}

function vInt(n: number): Buffer {
  const out: number[] = [];
  let v = n >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

interface Reader {
  readonly bytes: Buffer;
  offset: number;
}

function readVInt(r: Reader): number | undefined {
  let value = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (r.offset >= r.bytes.length) return undefined;
    const b = r.bytes[r.offset++];
    value |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return value >>> 0;
  }
  return undefined;
}

function readString(r: Reader): string | undefined {
  const len = readVInt(r);
  if (len === undefined || r.offset + len > r.bytes.length) return undefined;
  const bytes = r.bytes.subarray(r.offset, r.offset + len);
  r.offset += len;
  const s = bytes.toString('utf8');
  // Invalid UTF-8 would decode to replacement characters and never re-encode to the same id.
  if (!Buffer.from(s, 'utf8').equals(bytes)) return undefined;
  return s;
}
