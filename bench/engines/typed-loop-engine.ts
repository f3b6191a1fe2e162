import { BYTES, LATENCY, STATUS, TS, type BenchDataset } from '../dataset.js';
import type { QueryId, ResultRow } from '../queries.js';
import type { BenchEngine } from './bench-engine.js';

const STATUS_CODES = [200, 201, 301, 404, 500];

/**
 * The practical limit: one hand-written loop per query over the same segment typed arrays qactor
 * stores, with keywords as dictionary ordinals. No planning, no Pages, no generality.
 */
export class TypedLoopEngine implements BenchEngine {
  readonly name = 'typed loop';
  private data: BenchDataset | undefined;

  load(data: BenchDataset): Promise<void> {
    this.data = data;
    return Promise.resolve();
  }

  run(id: QueryId): Promise<readonly ResultRow[]> {
    return Promise.resolve(this.runSync(id));
  }

  private runSync(id: QueryId): readonly ResultRow[] {
    const d = this.data;
    if (d === undefined) throw new Error('typed loop not loaded');
    switch (id) {
      case 'Q1':
        return q1(d);
      case 'Q2':
        return q2(d);
      case 'Q3':
        return q3(d);
      case 'Q4':
        return q4(d);
      case 'Q5':
        return q5(d);
    }
  }

  close(): Promise<void> {
    this.data = undefined;
    return Promise.resolve();
  }
}

function q1(d: BenchDataset): ResultRow[] {
  let c = 0;
  for (const seg of d.index.segments) {
    const status = seg.blocks[STATUS].values as Int32Array;
    for (let p = 0; p < status.length; p++) if (status[p] === 500) c++;
  }
  return [[c]];
}

function q2(d: BenchDataset): ResultRow[] {
  const groups = d.hostNames.length;
  const latSum = new Float64Array(groups);
  const bytesSum = new Float64Array(groups);
  const count = new Float64Array(groups);
  d.index.segments.forEach((seg, s) => {
    const ords = d.hostOrdinals[s];
    const lat = seg.blocks[LATENCY].values as Float64Array;
    const bytes = seg.blocks[BYTES].values as Float64Array;
    for (let p = 0; p < ords.length; p++) {
      const g = ords[p];
      latSum[g] += lat[p];
      bytesSum[g] += bytes[p];
      count[g]++;
    }
  });
  const order = Array.from({ length: groups }, (_, g) => g).sort((a, b) => bytesSum[b] - bytesSum[a]);
  return order.slice(0, 10).map((g) => [latSum[g] / count[g], bytesSum[g], d.hostNames[g]]);
}

function q3(d: BenchDataset): ResultRow[] {
  // Bounded min-heap of the 100 largest kb, holding (kb, segment, position).
  const K = 100;
  const heapKb = new Float64Array(K);
  const heapSeg = new Int32Array(K);
  const heapPos = new Int32Array(K);
  let size = 0;
  d.index.segments.forEach((seg, s) => {
    const bytes = seg.blocks[BYTES].values as Float64Array;
    const lat = seg.blocks[LATENCY].values as Float64Array;
    for (let p = 0; p < bytes.length; p++) {
      const b = bytes[p];
      if (b > 500000 && lat[p] < 50) {
        const kb = Math.trunc(b / 1024);
        if (size < K) {
          let i = size++;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            if (heapKb[parent] <= kb) break;
            heapKb[i] = heapKb[parent];
            heapSeg[i] = heapSeg[parent];
            heapPos[i] = heapPos[parent];
            i = parent;
          }
          heapKb[i] = kb;
          heapSeg[i] = s;
          heapPos[i] = p;
        } else if (kb > heapKb[0]) {
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            if (l >= K) break;
            const c = l + 1 < K && heapKb[l + 1] < heapKb[l] ? l + 1 : l;
            if (heapKb[c] >= kb) break;
            heapKb[i] = heapKb[c];
            heapSeg[i] = heapSeg[c];
            heapPos[i] = heapPos[c];
            i = c;
          }
          heapKb[i] = kb;
          heapSeg[i] = s;
          heapPos[i] = p;
        }
      }
    }
  });
  const rows: [number, string, number][] = [];
  for (let i = 0; i < size; i++) {
    const seg = d.index.segments[heapSeg[i]];
    rows.push([(seg.blocks[TS].values as Float64Array)[heapPos[i]], d.hostNames[d.hostOrdinals[heapSeg[i]][heapPos[i]]], heapKb[i]]);
  }
  return rows.sort((a, b) => b[2] - a[2]);
}

function q4(d: BenchDataset): ResultRow[] {
  const messages = d.messageNames.length;
  const statusSlot = new Int8Array(501).fill(-1);
  STATUS_CODES.forEach((code, i) => (statusSlot[code] = i));
  const counts = new Float64Array(STATUS_CODES.length * messages);
  d.index.segments.forEach((seg, s) => {
    const status = seg.blocks[STATUS].values as Int32Array;
    const msg = d.messageOrdinals[s];
    for (let p = 0; p < status.length; p++) counts[statusSlot[status[p]] * messages + msg[p]]++;
  });
  const rows: ResultRow[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) rows.push([counts[i], STATUS_CODES[Math.floor(i / messages)], d.messageNames[i % messages]]);
  }
  return rows;
}

function q5(d: BenchDataset): ResultRow[] {
  const target = d.hostNames.indexOf('host-42');
  const rows: ResultRow[] = [];
  if (target < 0) return rows;
  const segments = d.index.segments;
  for (let s = 0; s < segments.length && rows.length < 1000; s++) {
    const ords = d.hostOrdinals[s];
    const ts = segments[s].blocks[TS].values as Float64Array;
    const bytes = segments[s].blocks[BYTES].values as Float64Array;
    for (let p = 0; p < ords.length; p++) {
      if (ords[p] === target) {
        rows.push([ts[p], bytes[p]]);
        if (rows.length === 1000) break;
      }
    }
  }
  return rows;
}
