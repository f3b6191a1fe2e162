import { leveledLog, type Log, type LogFormat, type LogLevel, type LogRecord } from './log.js';

/**
 * The two shapes of a log line. `json`: one JSON object per line,
 * `{"@timestamp","level","node","message",...fields}` (what a container log collector ingests as is);
 * `text`: `qactor: message key=value ...` for a person at a terminal.
 */

const RESERVED = new Set(['@timestamp', 'level', 'node', 'message']);

export function jsonLine(record: LogRecord, node: string): string {
  const line: Record<string, unknown> = {
    '@timestamp': new Date(record.timeMs).toISOString(),
    level: record.level,
    node,
    message: record.message,
  };
  // A field never overwrites the four every line has.
  for (const [key, value] of Object.entries(record.fields)) if (!RESERVED.has(key)) line[key] = value;
  return JSON.stringify(line, jsonSafe);
}

export function textLine(record: LogRecord): string {
  const level = record.level === 'info' ? '' : `${record.level}: `;
  let text = `qactor: ${level}${record.message}`;
  for (const [key, value] of Object.entries(record.fields)) {
    if (value === undefined) continue;
    const shown = typeof value === 'string' ? value : JSON.stringify(value, jsonSafe);
    text += ` ${key}=${/[\s"=]/.test(shown) ? JSON.stringify(shown) : shown}`;
  }
  return text;
}

export interface LogOptions {
  readonly format: LogFormat;
  readonly level: LogLevel;
  readonly node: string;
  /** Receives each finished line, without its newline. */
  readonly write: (line: string) => void;
  readonly now?: () => number;
}

export function createLog(options: LogOptions): Log {
  const render = options.format === 'json' ? (r: LogRecord) => jsonLine(r, options.node) : textLine;
  return leveledLog(
    options.level,
    (record) => {
      let line: string;
      try {
        line = render(record);
      } catch {
        // A field that cannot be serialised (a cycle) must not take the line, or the caller, down.
        line = render({ ...record, fields: {} });
      }
      options.write(line);
    },
    options.now,
  );
}

/** Logging must never throw: BigInts become strings, errors their message. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return value.message;
  return value;
}
