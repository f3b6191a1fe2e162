import { describe, expect, it } from 'vitest';
import { RedisKeys } from '../../src/redis/keys.js';

describe('RedisKeys', () => {
  it('puts every key and channel under the prefix, distinct per kind', () => {
    const keys = new RedisKeys('p1');
    const all = [
      keys.result('q'),
      keys.statusMirror('q'),
      keys.statusChannel('q'),
      keys.controlChannel('q'),
      keys.node('q'),
      keys.running('q'),
      keys.apiKey('q'),
      keys.apiKeyIds(),
    ];
    for (const k of all) expect(k.startsWith('p1:')).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('rejects an empty prefix', () => {
    expect(() => new RedisKeys('')).toThrow(RangeError);
  });
});
