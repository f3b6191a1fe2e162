import { leveledLog, type Log, type LogLevel, type LogRecord } from '../../src/runtime/log.js';

/** A Log that keeps its records, for tests to read back. */
export function memoryLog(minLevel: LogLevel = 'debug'): Log & { readonly records: LogRecord[]; messages(): string[] } {
  const records: LogRecord[] = [];
  return {
    ...leveledLog(minLevel, (record) => records.push(record)),
    records,
    messages: () => records.map((r) => r.message),
  };
}
