import { describe, expect, it } from 'vitest';
import { parseTimeValue } from '../../src/format/time-value.js';
import { esErrorOf } from '../http/reason-of.js';

describe('parseTimeValue', () => {
  it.each([
    ['1s', 1000],
    ['5d', 432_000_000],
    ['2h', 7_200_000],
    ['3m', 180_000],
    ['10000ms', 10_000],
    ['20nanos', 0.00002],
    ['1500micros', 1.5],
    [' 1S ', 1000],
    ['1.5s', 1500],
    ['0', 0],
    ['-1', -1],
  ])('%s -> %s ms', (text, ms) => {
    expect(parseTimeValue(text, 'keep_alive')).toBeCloseTo(ms, 10);
  });

  it('rejects missing units and negative durations with ES messages', () => {
    const noUnit = esErrorOf(() => parseTimeValue('1000', 'keep_alive'));
    expect(noUnit.type).toBe('illegal_argument_exception');
    expect(noUnit.reason).toBe(
      'failed to parse setting [keep_alive] with value [1000] as a time value: unit is missing or unrecognized',
    );
    expect(esErrorOf(() => parseTimeValue('5 weeks', 'keep_alive')).status).toBe(400);
    expect(esErrorOf(() => parseTimeValue('-2s', 'wait_for_completion_timeout')).reason).toMatch(/negative durations/);
  });
});
