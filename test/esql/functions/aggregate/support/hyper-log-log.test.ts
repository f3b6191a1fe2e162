import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRECISION_THRESHOLD,
  cardinality,
  linearCountingThreshold,
  murmur3x64h1,
  precisionFromThreshold,
} from '../../../../../src/esql/functions/aggregate/support/hyper-log-log.js';

describe('HyperLogLog++ as ES', () => {
  it('MurmurHash3 x64 128 (h1) matches the reference vectors', () => {
    expect(murmur3x64h1(new Uint8Array(0))).toBe(0n);
    expect(murmur3x64h1(new TextEncoder().encode('hello'))).toBe(0xcbd8a7b341bd9b02n);
  });

  it('maps precision thresholds to precisions and linear-counting limits', () => {
    expect(precisionFromThreshold(3000)).toBe(14);
    expect(precisionFromThreshold(5)).toBe(5);
    expect(precisionFromThreshold(40000)).toBe(18);
    expect(precisionFromThreshold(0)).toBe(4);
    expect(linearCountingThreshold(14)).toBe(3072);
    expect(linearCountingThreshold(5)).toBe(6);
  });

  it('is exact within the linear-counting range', () => {
    const values = new Set<string>(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(cardinality(values, 'keyword', 5)).toBe(6);
  });

  it('estimates past it, as ES does for COUNT_DISTINCT(ip1, 5) over the hosts dataset', () => {
    const ips = new Set<string>([
      '127.0.0.1',
      '::1',
      '127.0.0.2',
      '128.0.0.1',
      'fe81::cae2:65ff:fece:feb9',
      '127.0.0.3',
      'fe80::cae2:65ff:fece:fec1',
      'fe82::cae2:65ff:fece:fec0',
    ]);
    expect(cardinality(ips, 'ip', 5)).toBe(9);
  });
});

describe('HyperLogLog cardinality past the exact threshold (no bias tables)', () => {
  const p = precisionFromThreshold(DEFAULT_PRECISION_THRESHOLD);
  const keywords = (n: number) => new Set(Array.from({ length: n }, (_, i) => `host-${i} GET /index ${i * 7}`));

  it.each([4_000, 12_000, 40_000])('estimates %i distinct keywords within 3%%', (n) => {
    const estimate = cardinality(keywords(n), 'keyword', p);
    expect(Math.abs(estimate - n) / n).toBeLessThan(0.03);
  });

  it('estimates 200,000 distinct longs within 5%', () => {
    const n = 200_000;
    const values = new Set(Array.from({ length: n }, (_, i) => i * 13));
    expect(Math.abs(cardinality(values, 'long', p) - n) / n).toBeLessThan(0.05);
  });
});
