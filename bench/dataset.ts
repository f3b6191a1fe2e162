import type { Block } from '../src/compute/block.js';
import type { StoredIndex } from '../src/storage/stored-index.js';
import { generateLogs } from '../src/storage/demo-logs.js';

/** Column positions inside a `logs` segment (LOGS_COLUMNS order). */
export const TS = 0;
export const HOST = 1;
export const STATUS = 2;
export const BYTES = 3;
export const LATENCY = 4;
export const MESSAGE = 5;

/**
 * The one dataset every engine sees: the seeded `logs` index as qactor stores it, plus dictionary
 * ordinals of the two keyword columns so the typed-array loop and the validators never compare
 * strings per row. Numeric columns are the index's own typed arrays (no copy).
 */
export interface BenchDataset {
  readonly index: StoredIndex;
  readonly rows: number;
  readonly hostNames: readonly string[];
  readonly messageNames: readonly string[];
  /** Per segment: host ordinal per position (1,000 hosts fit in 16 bits). */
  readonly hostOrdinals: readonly Uint16Array[];
  /** Per segment: message ordinal per position (50 messages fit in 8 bits). */
  readonly messageOrdinals: readonly Uint8Array[];
  /** First @timestamp of each segment: timestamps strictly increase, so rows are found by binary search. */
  readonly segmentFirstTs: Float64Array;
}

/** The seeded `logs` index, as the qactor demo generates it. */
export function generateIndex(rows: number, seed = 42): StoredIndex {
  return generateLogs(rows, seed);
}

export function datasetOf(index: StoredIndex): BenchDataset {
  const rows = index.rowCount;
  const hostNames: string[] = [];
  const messageNames: string[] = [];
  const hostDict = new Map<string, number>();
  const messageDict = new Map<string, number>();
  const hostOrdinals: Uint16Array[] = [];
  const messageOrdinals: Uint8Array[] = [];
  const segmentFirstTs = new Float64Array(index.segments.length);
  index.segments.forEach((seg, s) => {
    const n = seg.positionCount;
    hostOrdinals.push(ordinals(stringsOf(seg.blocks[HOST], n), n, hostDict, hostNames, new Uint16Array(n)));
    messageOrdinals.push(ordinals(stringsOf(seg.blocks[MESSAGE], n), n, messageDict, messageNames, new Uint8Array(n)));
    segmentFirstTs[s] = (seg.blocks[TS].values as Float64Array)[0];
  });
  return { index, rows, hostNames, messageNames, hostOrdinals, messageOrdinals, segmentFirstTs };
}

/**
 * A keyword block's strings, read through its dictionary when it has one: a stored dictionary block
 * caches the strings its `values` getter builds, and 20M cached string slots would stay on the heap for
 * the whole bench, making every forced GC between runs mark them (a cost no engine should carry).
 */
function stringsOf(b: Block, n: number): readonly string[] {
  const d = b.dictionary;
  if (d === undefined) return b.values as string[];
  const out = new Array<string>(n);
  for (let p = 0; p < n; p++) out[p] = d.terms[d.ordinals[p]];
  return out;
}

function ordinals<T extends Uint16Array | Uint8Array>(
  values: readonly string[],
  n: number,
  dict: Map<string, number>,
  names: string[],
  out: T,
): T {
  for (let p = 0; p < n; p++) {
    let ord = dict.get(values[p]);
    if (ord === undefined) {
      ord = names.length;
      dict.set(values[p], ord);
      names.push(values[p]);
    }
    out[p] = ord;
  }
  return out;
}

/** Locates the row with this @timestamp: [segment, position], or undefined. */
export function findByTimestamp(data: BenchDataset, ts: number): [number, number] | undefined {
  const firsts = data.segmentFirstTs;
  let lo = 0;
  let hi = firsts.length - 1;
  if (hi < 0 || ts < firsts[0]) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (firsts[mid] <= ts) lo = mid;
    else hi = mid - 1;
  }
  const col = data.index.segments[lo].blocks[TS].values as Float64Array;
  let a = 0;
  let b = col.length - 1;
  while (a <= b) {
    const m = (a + b) >>> 1;
    if (col[m] === ts) return [lo, m];
    if (col[m] < ts) a = m + 1;
    else b = m - 1;
  }
  return undefined;
}

/**
 * What the data costs as plain typed arrays: float64 @timestamp, bytes (long) and latency_ms,
 * int32 status, and uint16 dictionary ordinals for host and message (the dictionaries themselves
 * are a few KB). 32 bytes per row.
 */
export function rawTypedArrayBytes(rows: number): number {
  return rows * (8 + 2 + 4 + 8 + 8 + 2);
}
