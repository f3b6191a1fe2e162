import type { DataType } from '../../../../compute/data-type.js';
import { parseIp } from '../../../../storage/ip-text.js';
import type { RawValue } from './distinct-values.js';

/**
 * The cardinality ES's HyperLogLog++ reports for a set of distinct values. Below the precision's
 * linear-counting threshold ES keeps every hash and the count is exact; above it, ES folds the
 * hashes into 2^p registers and estimates. That second regime only happens here with a small
 * precision threshold (`COUNT_DISTINCT(ip, 5)`): it is reproduced with ES's hashes (MurmurHash3
 * for bytes, BitMixer.mix64 for numbers) and its linear-counting estimate. ES's bias-correction
 * tables for raw HLL estimates are not reproduced: where ES would use them (raw estimate under 5m)
 * linear counting is returned instead, and the uncorrected raw estimate only above that.
 */

const MASK64 = (1n << 64n) - 1n;
const THRESHOLDS = [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000];
export const DEFAULT_PRECISION_THRESHOLD = 3000;

/** ES HyperLogLogPlusPlus.precisionFromThreshold. */
export function precisionFromThreshold(count: number): number {
  const entries = Math.ceil(count / 0.75);
  const bytes = entries * 4;
  const bits = bytes <= 0 ? 1 : Math.floor(Math.log2(bytes)) + 1;
  return Math.min(18, Math.max(4, bits));
}

/** How many distinct hashes ES counts exactly before switching to registers. */
export function linearCountingThreshold(p: number): number {
  return Math.floor(((1 << p) / 4) * 0.75);
}

/**
 * ES's estimate for `values` (already distinct) of one group. `type` picks the hash input; booleans
 * and versions are always counted exactly (ES counts booleans exactly; version bytes are an
 * encoding not reproduced here).
 */
export function cardinality(values: ReadonlySet<RawValue>, type: DataType, p: number): number {
  if (values.size <= linearCountingThreshold(p) || type === 'boolean' || type === 'version') return values.size;
  const m = 1 << p;
  const registers = new Uint8Array(m);
  for (const v of values) {
    const hash = hashOf(v, type);
    const index = Number(hash >> BigInt(64 - p));
    const runLen = 1 + Math.min(leadingZeros64((hash << BigInt(p)) & MASK64), 64 - p);
    if (runLen > registers[index]) registers[index] = runLen;
  }
  let inverseSum = 0;
  let zeros = 0;
  for (let j = 0; j < m; j++) {
    inverseSum += 1 / 2 ** registers[j];
    if (registers[j] === 0) zeros++;
  }
  const alpha = p === 4 ? 0.673 : p === 5 ? 0.697 : 0.7213 / (1 + 1.079 / m);
  const raw = Math.round((alpha * m * m) / inverseSum);
  if (zeros === 0) return raw;
  const linear = Math.round(m * Math.log(m / zeros));
  if (linear <= THRESHOLDS[p - 4]) return linear;
  // ES corrects raw estimates below 5m with empirical bias tables; without them the raw estimate is
  // far too high there (+50% near 0.7m), while linear counting is still accurate to a few percent.
  return raw <= 5 * m ? linear : raw;
}

/** The 64-bit hash ES feeds its HLL for one value (unsigned bigint). */
export function hashOf(v: RawValue, type: DataType): bigint {
  switch (type) {
    case 'keyword':
    case 'text':
      return murmur3x64h1(new TextEncoder().encode(String(v)));
    case 'ip':
      return murmur3x64h1(parseIp(String(v)) ?? new TextEncoder().encode(String(v)));
    case 'double': {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, Number(v));
      return mix64(view.getBigUint64(0));
    }
    default:
      // integer, long, datetime: the value as a (sign-extended) long.
      return mix64(BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)))));
  }
}

/** HPPC BitMixer.mix64. */
export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 32n)) * 0x4cd6944c5cc20b6dn) & MASK64;
  z = ((z ^ (z >> 29n)) * 0xfc12c5b19d3259e9n) & MASK64;
  return z ^ (z >> 32n);
}

const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;
const rotl = (x: bigint, r: number): bigint => ((x << BigInt(r)) | (x >> BigInt(64 - r))) & MASK64;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK64;
const add = (a: bigint, b: bigint): bigint => (a + b) & MASK64;

function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = mul(k, 0xff51afd7ed558ccdn);
  k ^= k >> 33n;
  k = mul(k, 0xc4ceb9fe1a85ec53n);
  return k ^ (k >> 33n);
}

function littleEndian(bytes: Uint8Array, offset: number, count: number): bigint {
  let v = 0n;
  for (let i = count - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]);
  return v;
}

/** h1 of MurmurHash3_x64_128 with seed 0 (ES MurmurHash3.hash128(...).h1). */
export function murmur3x64h1(bytes: Uint8Array): bigint {
  const length = bytes.length;
  const blocks = length >> 4;
  let h1 = 0n;
  let h2 = 0n;
  for (let i = 0; i < blocks; i++) {
    let k1 = littleEndian(bytes, i * 16, 8);
    let k2 = littleEndian(bytes, i * 16 + 8, 8);
    k1 = mul(rotl(mul(k1, C1), 31), C2);
    h1 ^= k1;
    h1 = add(mul(add(rotl(h1, 27), h2), 5n), 0x52dce729n);
    k2 = mul(rotl(mul(k2, C2), 33), C1);
    h2 ^= k2;
    h2 = add(mul(add(rotl(h2, 31), h1), 5n), 0x38495ab5n);
  }
  const tail = blocks * 16;
  const rest = length & 15;
  if (rest > 8) {
    const k2 = mul(rotl(mul(littleEndian(bytes, tail + 8, rest - 8), C2), 33), C1);
    h2 ^= k2;
  }
  if (rest > 0) {
    const k1 = mul(rotl(mul(littleEndian(bytes, tail, Math.min(rest, 8)), C1), 31), C2);
    h1 ^= k1;
  }
  h1 ^= BigInt(length);
  h2 ^= BigInt(length);
  h1 = add(h1, h2);
  h2 = add(h2, h1);
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = add(h1, h2);
  return h1;
}

function leadingZeros64(x: bigint): number {
  if (x === 0n) return 64;
  return 64 - x.toString(2).length;
}
