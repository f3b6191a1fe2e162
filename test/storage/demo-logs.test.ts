import { describe, expect, it } from 'vitest';
import { generateLogs, LOGS_COLUMNS, mulberry32 } from '../../src/storage/demo-logs.js';
import { SEGMENT_SIZE, type StoredIndex } from '../../src/storage/stored-index.js';

/** FNV-1a over every value of every block, in order. */
function checksum(idx: StoredIndex): number {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  };
  for (const seg of idx.segments) {
    for (const b of seg.blocks) {
      const vals = b.values as unknown as ArrayLike<number | string>;
      for (let i = 0; i < vals.length; i++) mix(String(vals[i]));
    }
  }
  return h >>> 0;
}

describe('generateLogs', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(checksum(generateLogs(20_000, 7))).toBe(checksum(generateLogs(20_000, 7)));
    expect(checksum(generateLogs(20_000, 7))).not.toBe(checksum(generateLogs(20_000, 8)));
    const r = mulberry32(1);
    const first = [r(), r(), r()];
    const again = mulberry32(1);
    expect([again(), again(), again()]).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('has the documented schema, segmenting and value domains', () => {
    const rows = SEGMENT_SIZE + 100;
    const idx = generateLogs(rows, 3);
    expect(idx.name).toBe('logs');
    expect(idx.columns).toEqual(LOGS_COLUMNS);
    expect(idx.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      '@timestamp:datetime',
      'host:keyword',
      'status:integer',
      'bytes:long',
      'latency_ms:double',
      'message:keyword',
    ]);
    expect(idx.rowCount).toBe(rows);
    expect(idx.segments.map((s) => s.positionCount)).toEqual([SEGMENT_SIZE, 100]);
    let prevTs = -Infinity;
    const hosts = new Set<string>();
    const messages = new Set<string>();
    const statusCounts = new Map<number, number>();
    for (const seg of idx.segments) {
      const [ts, host, status, bytes, latency, message] = seg.blocks.map((b) => b.values as unknown as ArrayLike<number | string>);
      for (let p = 0; p < seg.positionCount; p++) {
        expect(ts[p] as number).toBeGreaterThan(prevTs);
        prevTs = ts[p] as number;
        hosts.add(host[p] as string);
        messages.add(message[p] as string);
        statusCounts.set(status[p] as number, (statusCounts.get(status[p] as number) ?? 0) + 1);
        const by = bytes[p] as number;
        if (!(Number.isInteger(by) && by >= 0 && by <= 1e6)) throw new Error(`bytes ${by}`);
        if (!((latency[p] as number) >= 0)) throw new Error(`latency ${latency[p]}`);
      }
    }
    expect(hosts.size).toBeGreaterThan(990);
    expect([...hosts].every((h) => /^host-\d+$/.test(h) && Number(h.slice(5)) < 1000)).toBe(true);
    expect(messages.size).toBe(50);
    expect([...statusCounts.keys()].sort()).toEqual([200, 201, 301, 404, 500]);
    // Skewed: 200 dominates.
    expect(statusCounts.get(200)!).toBeGreaterThan(rows / 2);
  });
});
