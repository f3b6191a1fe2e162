import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, resolveConfig } from '../src/config.js';

/** `--workers N` (config.ts): worker threads that split one query, validated at start. */
describe('workers in the config', () => {
  it('defaults to 0 (everything on the main thread) and takes 0..64', () => {
    expect(DEFAULTS.workers).toBe(0);
    expect(resolveConfig({}, {}).workers).toBe(0);
    expect(resolveConfig({ workers: 2 }, {}).workers).toBe(2);
    expect(resolveConfig({ workers: 64 }, {}).workers).toBe(64);
  });

  it('refuses counts outside 0..64', () => {
    for (const bad of [-1, 65, 1.5]) expect(() => resolveConfig({ workers: bad }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ workers: 65 }, {})).toThrow('workers must be 0..64, got [65]');
  });

  it('reads QACTOR_WORKERS, the flag winning', () => {
    expect(resolveConfig({}, { QACTOR_WORKERS: '2' }).workers).toBe(2);
    expect(resolveConfig({ workers: 4 }, { QACTOR_WORKERS: '2' }).workers).toBe(4);
    expect(() => resolveConfig({}, { QACTOR_WORKERS: 'two' })).toThrow(ConfigError);
  });
});
