import { describe, expect, it } from 'vitest';
import { createLog, jsonLine, textLine } from '../../src/runtime/log-formats.js';

const at = Date.UTC(2026, 10, 28, 12, 0, 0, 5);

describe('jsonLine', () => {
  it('is one JSON object: @timestamp, level, node, message, then the fields', () => {
    const line = jsonLine({ timeMs: at, level: 'info', message: 'query done', fields: { query_id: 'Fq1', took_ms: 12 } }, 'node-1');
    expect(line).not.toContain('\n');
    expect(Object.entries(JSON.parse(line) as object)).toEqual([
      ['@timestamp', '2026-11-28T12:00:00.005Z'],
      ['level', 'info'],
      ['node', 'node-1'],
      ['message', 'query done'],
      ['query_id', 'Fq1'],
      ['took_ms', 12],
    ]);
  });

  it('leaves out undefined fields, writes bigints as strings, and never lets a field replace the fixed four', () => {
    const line = jsonLine(
      { timeMs: at, level: 'warn', message: 'm', fields: { 'user.name': undefined, big: 2n ** 64n, level: 'debug', message: 'x' } },
      'n',
    );
    expect(JSON.parse(line)).toEqual({ '@timestamp': '2026-11-28T12:00:00.005Z', level: 'warn', node: 'n', message: 'm', big: '18446744073709551616' });
  });

  it('keeps a message with quotes and newlines on one line', () => {
    const line = jsonLine({ timeMs: at, level: 'error', message: 'a "b"\nc', fields: {} }, 'n');
    expect(line.split('\n')).toHaveLength(1);
    expect((JSON.parse(line) as { message: string }).message).toBe('a "b"\nc');
  });
});

describe('textLine', () => {
  it('reads as a sentence with key=value fields, quoting values with spaces; the level only when not info', () => {
    expect(textLine({ timeMs: at, level: 'info', message: 'query submitted', fields: { query_id: 'Fq1', query: 'FROM logs', n: 3 } })).toBe(
      'qactor: query submitted query_id=Fq1 query="FROM logs" n=3',
    );
    expect(textLine({ timeMs: at, level: 'warn', message: 'query failed', fields: { skipped: undefined } })).toBe('qactor: warn: query failed');
  });
});

describe('createLog', () => {
  it('writes the chosen format at the chosen level, one line per record', () => {
    const lines: string[] = [];
    const log = createLog({ format: 'json', level: 'info', node: 'a', write: (l) => lines.push(l), now: () => at });
    log.debug('hidden');
    log.info('shown', { query_id: 'q' });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { '@timestamp': '2026-11-28T12:00:00.005Z', level: 'info', node: 'a', message: 'shown', query_id: 'q' },
    ]);
  });

  it('a field that cannot be serialised costs the fields, not the line', () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    createLog({ format: 'json', level: 'info', node: 'a', write: (l) => lines.push(l), now: () => at }).error('bad field', { cyclic });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', message: 'bad field' });
  });
});
