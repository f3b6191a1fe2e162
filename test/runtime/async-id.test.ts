import { describe, expect, it } from 'vitest';
import { decodeAsyncId, encodeAsyncId, randomBase64Uuid } from '../../src/runtime/async-id.js';

const DOC_EXAMPLE = 'FmdMX2pIang3UWhLRU5QS0lqdlppYncaMUpYQ05oSkpTc3kwZ21EdC1tbFJXQToxOTI=';

describe('async id', () => {
  it('decodes the ES documentation example', () => {
    expect(decodeAsyncId(DOC_EXAMPLE)).toEqual({
      docId: 'gL_jHjx7QhKENPKIjvZibw',
      nodeId: '1JXCNhJJSsy0gmDt-mlRWA',
      taskNumber: 192,
    });
  });

  it('re-encodes the documentation example byte for byte', () => {
    expect(encodeAsyncId(decodeAsyncId(DOC_EXAMPLE))).toBe(DOC_EXAMPLE);
  });

  it('round-trips random ids, with url-safe characters and padding', () => {
    for (let i = 0; i < 200; i++) {
      const id = { docId: randomBase64Uuid(), nodeId: randomBase64Uuid(), taskNumber: i * 7919 };
      const encoded = encodeAsyncId(id);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
      expect(encoded.length % 4).toBe(0);
      expect(encoded.startsWith('F')).toBe(true);
      expect(decodeAsyncId(encoded)).toEqual(id);
    }
  });

  it('random ids stay distinct 16-byte values across refills of their random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => randomBase64Uuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  it('round-trips strings longer than 127 bytes (multi-byte VInt) and non-ASCII text', () => {
    const id = { docId: 'd'.repeat(300), nodeId: 'nœud-ü', taskNumber: 2 ** 40 };
    expect(decodeAsyncId(encodeAsyncId(id))).toEqual(id);
  });

  it('accepts the id without its padding, as Java url decoding does', () => {
    expect(decodeAsyncId(DOC_EXAMPLE.replace(/=+$/, '')).taskNumber).toBe(192);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'abc$def'],
    ['standard base64 alphabet', withStandardAlphabet()],
    ['truncated', DOC_EXAMPLE.slice(0, 40)],
    ['trailing bytes', Buffer.concat([Buffer.from(DOC_EXAMPLE, 'base64url'), Buffer.from([1])]).toString('base64url')],
    ['bad padding', `${DOC_EXAMPLE}==`],
    ['padding in the middle', `AB=C${DOC_EXAMPLE}`],
    ['task id without colon', encodeRaw('doc', 'node192')],
    ['task number not a number', encodeRaw('doc', 'node:abc')],
    ['empty node', encodeRaw('doc', ':12')],
  ])('rejects %s with 400 invalid id', (_name, id) => {
    expect(() => decodeAsyncId(id)).toThrow(
      expect.objectContaining({ type: 'illegal_argument_exception', status: 400, reason: `invalid id: [${id}]` }),
    );
  });
});

function encodeRaw(docId: string, taskId: string): string {
  const d = Buffer.from(docId);
  const t = Buffer.from(taskId);
  return Buffer.concat([Buffer.from([d.length]), d, Buffer.from([t.length]), t]).toString('base64url');
}

/** A valid id that contains `-` or `_`, rewritten in the standard (not url-safe) alphabet. */
function withStandardAlphabet(): string {
  for (let n = 0; ; n++) {
    const id = encodeAsyncId({ docId: `doc>>>??${n}`, nodeId: 'node', taskNumber: n });
    if (/[-_]/.test(id)) return id.replace(/-/g, '+').replace(/_/g, '/');
  }
}
