import type { Block } from '../compute/block.js';
import { dictionaryBlock } from '../compute/dictionary-block.js';
import type { Page } from '../compute/page.js';
import type { IndexColumn, StoredIndex } from './stored-index.js';
import { SEGMENT_SIZE } from './stored-index.js';
import { sharedFloat64, sharedInt32, sharedUint16 } from './shared-arrays.js';

/** mulberry32: a tiny 32-bit PRNG, deterministic per seed; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LOGS_COLUMNS: readonly IndexColumn[] = [
  { name: '@timestamp', type: 'datetime' },
  { name: 'host', type: 'keyword' },
  { name: 'status', type: 'integer' },
  { name: 'bytes', type: 'long' },
  { name: 'latency_ms', type: 'double' },
  { name: 'message', type: 'keyword' },
];

export const LOGS_HOST_COUNT = 1000;
export const LOGS_MESSAGE_COUNT = 50;
/** 2024-01-01T00:00:00Z: the first event. */
export const LOGS_START_MS = Date.UTC(2024, 0, 1);

const HOSTS: readonly string[] = Array.from({ length: LOGS_HOST_COUNT }, (_, i) => `host-${i}`);
const VERBS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const PATHS = ['/', '/login', '/search', '/api/items', '/api/orders', '/health', '/static/app.js', '/cart', '/checkout', '/admin'];
const MESSAGES: readonly string[] = Array.from(
  { length: LOGS_MESSAGE_COUNT },
  (_, i) => `${VERBS[i % VERBS.length]} ${PATHS[Math.floor(i / VERBS.length)]}`,
);
// Skewed like real traffic: mostly 200s, a few errors.
const STATUS_CODES = [200, 201, 301, 404, 500];
const STATUS_CUMULATIVE = [0.7, 0.8, 0.88, 0.97, 1];

/**
 * A synthetic `logs` index of `rows` events, identical for the same (rows, seed). Filled segment by
 * segment straight into typed arrays; `host` and `message` are dictionary blocks (ordinals into the
 * fixed HOSTS / MESSAGES lists, 2 bytes a row), so millions of rows generate in seconds and stay
 * compact; the benchmark reuses it. Like every stored column, the arrays live on SharedArrayBuffers.
 */
export function generateLogs(rows: number, seed = 42, name = 'logs'): StoredIndex {
  const random = mulberry32(seed);
  const segments: Page[] = [];
  let ts = LOGS_START_MS;
  for (let from = 0; from < rows; from += SEGMENT_SIZE) {
    const n = Math.min(SEGMENT_SIZE, rows - from);
    const timestamps = sharedFloat64(n);
    const hosts = sharedUint16(n);
    const statuses = sharedInt32(n);
    const bytes = sharedFloat64(n);
    const latencies = sharedFloat64(n);
    const messages = sharedUint16(n);
    for (let p = 0; p < n; p++) {
      ts += 1 + Math.floor(random() * 100);
      timestamps[p] = ts;
      hosts[p] = Math.floor(random() * LOGS_HOST_COUNT);
      const r = random();
      let s = 0;
      while (r >= STATUS_CUMULATIVE[s]) s++;
      statuses[p] = STATUS_CODES[s];
      bytes[p] = Math.floor(random() * 1_000_001);
      // Long-tailed latency, rounded to microseconds so values print compactly.
      latencies[p] = Math.round(-Math.log(1 - random()) * 50_000) / 1000;
      messages[p] = Math.floor(random() * LOGS_MESSAGE_COUNT);
    }
    const blocks: Block[] = [
      { type: 'datetime', positionCount: n, values: timestamps, mvSorted: true },
      dictionaryBlock('keyword', n, { ordinals: hosts, terms: HOSTS }, undefined, undefined, true),
      { type: 'integer', positionCount: n, values: statuses, mvSorted: true },
      { type: 'long', positionCount: n, values: bytes, mvSorted: true },
      { type: 'double', positionCount: n, values: latencies, mvSorted: true },
      dictionaryBlock('keyword', n, { ordinals: messages, terms: MESSAGES }, undefined, undefined, true),
    ];
    segments.push({ positionCount: n, blocks });
  }
  return { name, columns: LOGS_COLUMNS, rowCount: rows, segments };
}
