import { describe, expect, it } from 'vitest';
import { canonicalIp, compareIpText } from '../../src/storage/ip-text.js';

describe('ip text', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['::', '::'],
    ['FE80:0000:0000:0000:CAE2:65FF:FECE:FEB9', 'fe80::cae2:65ff:fece:feb9'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
  ])('%s -> %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
  });

  it.each(['256.1.1.1', '01.1.1.1', '1.2.3', 'abc', '1::2::3', '1:2:3:4:5:6:7:8:9', ''])('rejects %s', (text) => {
    expect(canonicalIp(text)).toBeNull();
  });

  it('orders by the 16-byte form: ::1 < IPv4 < fe80::', () => {
    const sorted = ['fe80::1', '10.0.0.1', '::1', '9.0.0.1'].sort(compareIpText);
    expect(sorted).toEqual(['::1', '9.0.0.1', '10.0.0.1', 'fe80::1']);
  });
});
