import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { errorFields, leveledLog, type LogRecord } from '../../src/runtime/log.js';

describe('leveledLog', () => {
  it('writes the records at or above its level, with the time, level, message and fields', () => {
    const records: LogRecord[] = [];
    const log = leveledLog('warn', (r) => records.push(r), () => 1_000);
    log.debug('d');
    log.info('i', { a: 1 });
    log.warn('w', { query_id: 'q' });
    log.error('e');
    expect(records).toEqual([
      { timeMs: 1_000, level: 'warn', message: 'w', fields: { query_id: 'q' } },
      { timeMs: 1_000, level: 'error', message: 'e', fields: {} },
    ]);
  });
});

describe('errorFields', () => {
  it('names an ES error by its type and reason, without a stack unless asked', () => {
    expect(errorFields(new EsError('circuit_breaking_exception', 'too big'))).toEqual({
      'error.type': 'circuit_breaking_exception',
      'error.message': 'too big',
    });
  });

  it('names a bug by its class and keeps the stack when asked', () => {
    const fields = errorFields(new TypeError('x is undefined'), true);
    expect(fields).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'x is undefined' });
    expect(String(fields['error.stack_trace'])).toContain('TypeError: x is undefined');
    expect(errorFields('plain')).toEqual({ 'error.message': 'plain' });
  });
});
