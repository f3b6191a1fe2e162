import { describe, expect, it } from 'vitest';
import { lookupFunction } from '../../../../src/esql/functions/registry.js';
import { canonicalIp } from '../../../../src/esql/functions/scalar/support/ip.js';
import { SOURCE, def, evaluate, info, resolve } from './harness.js';
import { Warnings } from '../../../../src/esql/warnings.js';

const ips = (...c: (string | null | string[])[]) => ({ type: 'ip' as const, cells: c });
const cidr = (v: string) => ({ type: 'keyword' as const, constant: v });

describe('cidr_match', () => {
  it('matches IPv4 and IPv6 blocks, any of several', () => {
    const r = evaluate('cidr_match', [ips('127.0.0.1', '10.1.2.3', 'fe80::cae2:65ff:fece:feb9', null), cidr('127.0.0.0/8'), cidr('fe80::/64')]);
    expect(r).toMatchObject({ type: 'boolean', cells: [true, false, true, null] });
    expect(evaluate('cidr_match', [ips('10.1.2.3'), cidr('10.1.2.3/32')]).cells).toEqual([true]);
    expect(evaluate('cidr_match', [ips('10.1.2.3'), cidr('10.1.2.4/31')]).cells).toEqual([false]);
  });

  it('multi-valued ip warns', () => {
    const r = evaluate('cidr_match', [ips(['10.0.0.1', '10.0.0.2']), cidr('10.0.0.0/8')]);
    expect(r.cells).toEqual([null]);
    expect(r.warnings).toHaveLength(2);
  });

  it('canonical ip text', () => {
    expect(canonicalIp('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(canonicalIp('2001:0db8:0000:0000:0000:ff00:0042:8329')).toBe('2001:db8::ff00:42:8329');
    expect(canonicalIp('1:0:0:1:0:0:0:1')).toBe('1:0:0:1::1');
    expect(canonicalIp('300.1.1.1')).toBeUndefined();
    expect(canonicalIp('::')).toBe('::');
  });
});

describe('delay (test-only)', () => {
  it('is hidden without test functions and resolves a time_duration to boolean', () => {
    expect(lookupFunction('delay')).toBeUndefined();
    expect(resolve('delay', [{ type: 'time_duration', constant: '10 ms' }])).toEqual({ type: 'boolean' });
    expect('error' in resolve('delay', [{ type: 'integer' }])).toBe(true);
    expect(() =>
      def('delay').build([], info([{ type: 'time_duration' }]), { source: SOURCE, warnings: new Warnings(), nowMs: 0 }),
    ).toThrow(/DELAY is only supported as `EVAL x = DELAY\(duration\)`/);
  });
});

describe('ip_prefix', () => {
  it('clears the bits past the prefix of IPv4 and IPv6 addresses', () => {
    const r = evaluate('ip_prefix', [
      ips('1.2.3.4', 'fe80::cae2:65ff:fece:feb9'),
      { type: 'integer', constant: 24 },
      { type: 'integer', constant: 112 },
    ]);
    expect(r.cells).toEqual(['1.2.3.0', 'fe80::cae2:65ff:fece:0']);
  });
});
