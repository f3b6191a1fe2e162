import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, resolveConfig } from '../src/config.js';

/** `--checkpoint-interval` (config.ts): the cluster checkpoint interval, validated at start. */
describe('checkpoint interval in the config', () => {
  it('defaults to one second and takes a flag value within 100 ms .. 1 h', () => {
    expect(DEFAULTS.checkpointIntervalMs).toBe(1_000);
    expect(resolveConfig({}, {}).checkpointIntervalMs).toBe(1_000);
    expect(resolveConfig({ checkpointIntervalMs: 100 }, {}).checkpointIntervalMs).toBe(100);
    expect(resolveConfig({ checkpointIntervalMs: 3_600_000 }, {}).checkpointIntervalMs).toBe(3_600_000);
  });

  it('refuses values a node could not sensibly run with', () => {
    for (const bad of [0, 99, 3_600_001, 250.5]) {
      expect(() => resolveConfig({ checkpointIntervalMs: bad }, {})).toThrow(ConfigError);
    }
    expect(() => resolveConfig({ checkpointIntervalMs: 5 }, {})).toThrow('checkpoint interval must be 100..3600000 ms, got [5]');
  });
});
